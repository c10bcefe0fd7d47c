/** The engine's sentences in Korean (the ids of catalogue-en.ts; legal names come in as the pack gives them). */
import type { MessageId } from "./catalogue-en.ts";
import type { Template } from "./types.ts";

const opt = (v: string, wrap: (s: string) => string) => (v ? wrap(v) : "");
const KNOW: Record<string, string> = { known: "인지", suspected: "의심", none: "없음" };
const INFORM: Record<string, string> = { wmd: "대량파괴무기", conventional: "재래식 무기" };
// an item's yes/no, and a yes/no condition of a threshold (`= true`)
const MEANS_KO: Record<string, string> = {
  email: "이메일",
  download: "다운로드",
  training: "교육·훈련",
  documents: "문서",
  oral: "구두",
  media: "기록매체",
  other: "기타 방법",
};
const EXEMPT_KO: Record<string, string> = {
  "public-domain": "일반에 공개된 기술",
  "basic-research": "기초과학연구",
  "patent-minimum": "특허 출원에 필요한 최소한의 기술",
  "minimum-for-use": "설치·운용·유지·보수에 필요한 최소한의 기술",
};
const KIND_KO: Record<string, string> = { technology: "기술이전", brokering: "중개", transit: "경유·환적" };
const YES_NO: Record<string, string> = { yes: "예", no: "아니오", true: "예", false: "아니오" };
const EVIDENCE: Record<string, string> = { verified: "검증됨", reported: "2차 자료", unverified: "미검증" };
const DIMENSION: Record<string, string> = {
  length: "길이",
  "mass-fraction": "질량분율",
  "mole-fraction": "몰분율",
  "volume-fraction": "부피분율",
  percent: "백분율",
  "charge-per-area": "면적당 전하",
  resistivity: "비저항",
  temperature: "온도",
  frequency: "주파수",
  voltage: "전압",
  current: "전류",
  power: "전력",
  "specific-energy": "비에너지",
  dose: "선량",
  "dose-rate": "선량률",
  fluence: "플루언스",
  volume: "부피",
  area: "면적",
  "mass-concentration": "질량농도",
  flow: "유량",
  time: "시간",
  mass: "질량",
  none: "무차원",
};
const ROLE: Record<string, string> = {
  consignee: "수하인",
  endUser: "최종사용자",
  purchaser: "구매자",
  intermediateConsignee: "중간 수하인",
};

export const KO: Record<MessageId, Template> = {
  text: (p, t) => t(p.text),

  "dest.groups": (p, t) => `${t(p.country)}: 이 날짜 현재 ${t(p.groups)}에 속함`,
  "dest.noGroup": (p, t) => `${t(p.country)}: 이 날짜 현재 어느 그룹에도 속하지 않음`,

  "class.notListed": () => "통제번호 없음: 통제 목록 해당 품목이 아님",
  "class.row": (p, t) => `통제 목록의 ${t(p.cn)} 항목: ${t(p.title)}${opt(t(p.hs), (h) => ` (HS ${h})`)}`,
  "class.rowOnly": (p, t) => `통제 목록의 ${t(p.cn)} 항목`,
  "class.entry": (p, t) => `${t(p.cn)}은(는) ${t(p.part)}의 ${t(p.number)} 항목(${t(p.title)})에 해당함`,
  "class.numbering": (p, t) =>
    `${t(p.cn)}은(는) 항목별로 입력되어 있지 않으나, 번호 체계상 ${t(p.part)}${opt(t(p.title), (s) => ` (${s})`)}에 속함`,
  "class.unplaced": (p, t) => `${t(p.cn)}을(를) 이 제도의 통제 목록에서 찾을 수 없음`,

  "list.required": (p, t) => `통제 목록 해당 품목(${t(p.part)}): 모든 목적지에 대해 허가가 필요함`,
  "lic.eligible": (p, t) => `${t(p.name)}: 이용 가능${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "lic.possible": (p, t) =>
    `${t(p.name)}: 이용 가능성 있음 [미검증]${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "lic.notEligible": (p, t) => `${t(p.name)}: 이용 불가${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "measure.effect": (p, t) => {
    const only = t(p.onlyNames);
    const allow = t(p.allowNames);
    return `${t(p.title)}: ${only ? `${only}만 가능` : ""}${allow ? `${only ? "; " : ""}${allow}도 가능` : ""}${opt(t(p.conditions), (c) => ` (${c})`)}`;
  },

  "exempt.notEvaluated": (p, t) => `${t(p.title)}: 평가하지 않음 (${t(p.currency)} 기준 라인 금액이 필요함)`,
  "exempt.notAvailable": (p, t) => `${t(p.title)}: 이 목적지에는 이용할 수 없음`,
  "exempt.notApplied": (p, t) => `${t(p.title)}: 적용하지 않음 (요건 미검증)`,
  "exempt.over": (p, t) => `${t(p.title)}: 라인 금액이 한도 ${t(p.limit)} ${t(p.currency)}을(를) 초과함`,
  "exempt.within": (p, t) => `${t(p.title)}: 적용됨 (라인 금액이 한도 ${t(p.limit)} ${t(p.currency)} 이내)`,
  "exempt.barred": (p, t) => `${t(p.title)}: 이용할 수 없음, 캐치올 요건에 해당: ${t(p.limbs)}`,
  "exempt.measure": (p, t) => `${t(p.title)}: 한도 이내이나 특별조치가 적용되어 적용하지 않음`,

  "limb.withMet": (p, t) => `${t(p.label)} (${t(p.met, "; ")})`,
  "limb.notTriggered": (p, t) => `${t(p.label)}: 해당 없음`,
  "limb.outOfScope": (p, t) =>
    `${t(p.label)}: 캐치올 대상 범위 밖 (${t(p.chapter) ? `HS 제${t(p.chapter)}류` : "HS 류 불명"})`,
  "limb.none": (p, t) => `이 날짜에 ${t(p.country)}(${t(p.groups)})에 적용되는 캐치올 요건 없음`,
  "limb.undetermined": (p, t) =>
    `${t(p.label)}: ${t(p.met, "; ")}에 해당하나, 적용 여부를 팩으로 판단할 수 없음 → 판단 불가`,
  "limb.required": (p, t) => `${t(p.label)}: ${t(p.met, "; ")}에 해당 → ${t(p.permitName)} 필요`,
  "limb.partial": (p, t) =>
    `${t(p.label)}: HS ${t(p.hs) || "(없음)"}은(는) 팩이 보유한 ${t(p.lists)}의 품목에 없음 → 판단 불가`,
  "list.heldOf": (p, t) => `${t(p.name)} (${t(p.count)}개 중 ${t(p.held)}개)`,

  "embargo.approval": (p, t) => `${t(p.title)}: 승인 필요 (${t(p.permitName)})`,
  "embargo.prohibited": (p, t) => `${t(p.title)}: 금지`,
  caution: (p, t) => `${t(p.title)}: ${t(p.message)}`,

  "met.wmd": (p, t) => `대량파괴무기 최종용도 (${KNOW[t(p.k)] ?? t(p.k)})`,
  "met.military": (p, t) => `군사적 최종용도 (${KNOW[t(p.k)] ?? t(p.k)})`,
  "met.informed": (p, t) => `정부의 통보 (${INFORM[t(p.which)] ?? t(p.which)})`,
  "met.endUserListed": () => "최종사용자가 이 제도의 최종사용자 목록에 있음",
  "met.redFlag": (p, t) => `의심 징후 제${t(p.number)}호 (${t(p.text)}): 평가가 필요한 의심 사유`,
  "met.regardless": () => "물품과 목적지 (최종용도와 관계없이)",
  "met.hsOnList": (p, t) => `HS ${t(p.hs)}: ${t(p.list)}에 해당 (${t(p.title)})`,

  "cav.unverified": (p, t) => `${t(p.id)} (${t(p.from)} 시행)은(는) 미검증임`,
  "cav.optionPossible": (p, t) => `${t(p.name)}은(는) 가능성일 뿐임: ${t(p.why)}`,
  "cav.ruleUnverified": (p, t) => `적격 규칙 ${t(p.rule)}은(는) 미검증임`,
  "cav.measureUnverified": (p, t) => `조치 ${t(p.measure)}은(는) 미검증임`,
  "cav.precaution": (p, t) =>
    `${t(p.title)}은(는) ${t(p.entries)}에 적용되나, 이 라인은 HS 코드 없이 ${t(p.item)}만 기재하므로 예방적으로 조치를 적용함: 해당 여부를 가리려면 HS 코드를 입력할 것`,
  "cav.exemptFlag": (p, t) => `${t(p.title)}이(가) 적용될 수 있으나, 요건이 미검증이어서 적용하지 않음`,
  "cav.lowerLimit": (p, t) =>
    `하한 ${t(p.limit)} ${t(p.currency)}은(는) 일본 경제산업성(METI)이 고시로 지정한 물품에만 적용됨; 이 품목이 지정되지 않았다면 한도는 ${t(p.full)}이고 이 라인은 면제됨`,
  "cav.measureExemption": (p, t) => `특별조치와 ${t(p.title)}의 관계는 미검증임; 신중한 답: 허가 필요`,
  "cav.notInList": (p, t) => `${t(p.cn)}은(는) 이 팩의 통제 목록에 없음; 통제 목록 해당 품목으로 취급함`,
  "cav.assess": (p, t) => `${t(p.label)}: ${t(p.met, "; ")}만으로는 이 요건을 충족하지 않음 — ${t(p.assess)}`,
  "cav.partial": (p, t) =>
    `${t(p.name)}은(는) 일부만 보유함 (${t(p.count)}개 품목 중 ${t(p.held)}개); HS ${t(p.hs) || "?"}은(는) 발견되지 않았으나 목록에 있을 수 있음`,
  "cav.redFlags": (p, t) =>
    `의심 징후 제${t(p.flags)}호만으로 의도가 드러나지는 않음: 수출자는 그것이 물품이 대량파괴무기나 재래식 무기에 사용될 것이라는 의심을 불러일으키는지 평가해야 하며, 그 평가로 징후가 해소될 때까지 신중한 답은 ${t(p.permitName)}을(를) 요함`,
  "tx.technology": (p, t) =>
    `기술이전: ${t(p.country)}의 ${t(p.recipient)}에게, ${t(p.place) === "abroad" ? "국외에서" : "수출국 내에서"}, ${MEANS_KO[t(p.means)] ?? t(p.means)}${opt(t(p.exemption), (x) => `; 수출자가 주장하는 면제: ${EXEMPT_KO[x] ?? x}`)}`,
  "tx.brokering": (p, t) =>
    `중개: ${t(p.origin)}에서 ${t(p.destination)}(으)로 가는 물품${t(p.licensed) === "yes" ? "; 수출국의 수출허가 있음" : ""}`,
  "tx.transit": (p, t) => `경유·환적: ${t(p.origin)}에서 ${t(p.destination)}(으)로 가는 물품`,
  "tx.method": (p, t) => `${MEANS_KO[t(p.means)] ?? t(p.means)}: ${t(p.method)}`,
  "tx.permit": (p, t) => `${t(p.title)}: ${t(p.permitName)}(${t(p.permit)}) 필요`,
  "tx.none": (p, t) => `${t(p.title)}: 허가 불필요`,
  "tx.undetermined": (p, t) => `${t(p.title)}: 팩으로는 판단할 수 없음 — ${t(p.missing)}`,
  "tx.noRule": (p, t) =>
    `${t(p.regime)} 팩의 어떤 규칙도 이 ${KIND_KO[t(p.kind)] ?? t(p.kind)} 거래를 판단하지 않음: 팩에 반영되지 않았으므로 허가기관에 확인하십시오`,

  "cav.reviewed": (p, t) =>
    `${t(p.regime)} 팩의 법령은 ${t(p.date)}까지 출처와 대조됨; 그 후 시행된 변경은 알지 못함`,

  "missing.check": (p, t) =>
    `${t(p.what)}: 선적 전에 시행 중인 공식 목록(${t(p.from)})과 HS 코드를 대조할 것`,
  "missing.noHs": (p, t) => `라인에 HS 코드가 없으나, ${t(p.name)}은(는) HS 코드로 판단함`,
  "missing.hsNotAmong": (p, t) =>
    `HS ${t(p.hs)}은(는) 팩이 보유한 ${t(p.name)}의 품목(${t(p.count)}개 중 ${t(p.held)}개)에 없음`,
  "missing.limb": (p, t) => `${t(p.label)}: ${t(p.met, "; ")}에 해당 — ${t(p.undetermined)}`,

  "eul.step": (p, t) =>
    `최종사용자가 ${t(p.list)}의 제${t(p.entry)}번 "${t(p.matched)}"과(와) 일치함 (점수 ${t(p.score)}, 목록 버전 ${t(p.version)}): 최종사용자 목록 해당`,
  "cav.eulMatch": (p, t) =>
    `최종사용자는 이름으로 ${t(p.list)}의 제${t(p.entry)}번과 대조됨 (점수 ${t(p.score)}); 다른 당사자라면 그 항목에 오탐(false-positive) 판단을 기록할 것`,

  "param.equals": (p, t) => `${t(p.name)} = ${YES_NO[t(p.value)] ?? t(p.value)}`,
  "param.bounds": (p, t) => `${t(p.name)} ${t(p.bounds, " 및 ")}`.trim(),
  "param.period": (p, t) => (p.to ? `${t(p.from)} ~ ${t(p.to)}` : `${t(p.from)}부터`),
  "param.sub": (p, t) => `${t(p.number)}${opt(t(p.title), (s) => ` (${s})`)}`,
  "param.notYesNo": (p, t) => `${t(p.name)}: "${t(p.value)}"은(는) 예/아니오로 읽을 수 없음`,
  "param.yesNoMet": (p, t) => `${t(p.name)}: ${YES_NO[t(p.got)] ?? t(p.got)}, 요건 충족`,
  "param.yesNoMissed": (p, t) =>
    `${t(p.name)}: ${YES_NO[t(p.got)] ?? t(p.got)} (기준에서 요구하는 값: ${YES_NO[t(p.want)] ?? t(p.want)})`,
  "param.is": (p, t) => `${t(p.name)}: "${t(p.value)}"은(는) ${t(p.want)}에 해당함`,
  "param.isNot": (p, t) => `${t(p.name)}: "${t(p.value)}"은(는) ${t(p.want)}에 해당하지 않음`,
  "param.notQuantity": (p, t) => `${t(p.name)}: "${t(p.value)}"은(는) 단위가 있는 수치가 아님`,
  "param.unknownUnit": (p, t) => `${t(p.name)}: 기준의 단위 "${t(p.unit)}"을(를) 알 수 없음`,
  "param.incomparable": (p, t) =>
    `${t(p.name)}: ${t(p.value)}은(는) ${t(p.unit)} 단위(${DIMENSION[t(p.dimension)] ?? t(p.dimension)})의 기준과 비교할 수 없음${p.bare ? " — wt%로 입력할 것 (%만으로는 중량 기준인지 알 수 없음)" : ""}`,
  "param.readIn": (p, t) => `${t(p.value)} (단위 미기재, 기준 단위 ${t(p.unit)} 적용)`,
  "param.meets": (p, t) => `${t(p.name)}: ${t(p.value)}은(는) 기준(${t(p.threshold)})을 충족함`,
  "param.misses": (p, t) => `${t(p.name)}: ${t(p.value)}은(는) 기준(${t(p.threshold)})을 충족하지 않음`,
  "param.reading": (p, t) => {
    const ev = EVIDENCE[t(p.evidence)] ?? t(p.evidence);
    return `${t(p.label)}: ${t(p.reason)}${p.period ? ` [${t(p.period)}; ${ev}]` : opt(ev, (e) => ` [${e}]`)}`;
  },
  "param.notSubItem": (p, t) => `${t(p.sub)}은(는) ${t(p.entry)}의 세부 항목이 아님`,
  "param.takenAs": (p, t) => `지정한 대로 품목을 ${t(p.sub)}에 해당하는 것으로 봄`,
  "param.casListed": (p, t) => `CAS ${t(p.cas)}은(는) ${t(p.where)}에 등재되어 있음`,
  "param.casNotListed": (p, t) => `CAS ${t(p.cas)}은(는) ${t(p.entry)}에 등재된 화학물질에 없음`,
  "param.noThresholds": (p, t) => `${t(p.entry)}에는 입력된 기준값이 없음; 원문에 비추어 판단할 것`,
  "param.noneGiven": (p, t) =>
    `입력한 파라미터 중 ${t(p.entry)}의 기준에 해당하는 것이 없음; 이 항목의 기준: ${t(p.thresholds, "; ")}`,
  "param.asserted": (p, t) =>
    `${t(p.label)}: ${t(p.sub)}을(를) 선택하였으므로 기준(${t(p.threshold)})은 충족된 것으로 봄`,
  "param.notGiven": (p, t) =>
    `${t(p.label)}: ${t(p.name)}이(가) 입력되지 않음 (기준: ${t(p.threshold)}${p.readings ? ", 문언이 둘 이상 있음" : ""})`,
  "param.disagree": (p, t) =>
    `${t(p.label)}: "${t(p.name)}"의 문언에 따라 이 품목의 결과가 달라짐; 적용되는 기준이 결론을 정하나 어느 것이 적용되는지 알 수 없음`,
  "param.unverifiedMiss": (p, t) =>
    `${t(p.label)}: 품목이 기준에 미달하나 그 기준이 미검증이므로 비해당으로 판단할 수 없음`,
  "param.notAssessed": (p, t) => `평가하지 않음 (해당 파라미터가 하나도 입력되지 않음): ${t(p.subs, "; ")}`,
  "param.entryUnverified": (p, t) =>
    `${t(p.entry)} (${t(p.id)})은(는) 미검증임${opt(t(p.note), (n) => `: ${n}`)}`,
  "param.thresholdUnverified": (p, t) =>
    `${t(p.label)}: 기준(${t(p.threshold)})은 미검증임${opt(t(p.note), (n) => ` — ${n}`)}`,

  "search.invalidCas": (p, t) => `${t(p.cas)}은(는) 유효한 CAS 번호가 아님 (검증 숫자 불일치)`,
  "search.casListed": (p, t) => `CAS ${t(p.cas)}은(는) ${t(p.number)} (${t(p.title)})에 등재되어 있음`,
  "search.hsMap": (p, t) =>
    `HS ${t(p.hs)} (${t(p.title)})은(는) ${t(p.target)}에 해당할 수 있음 [${EVIDENCE[t(p.evidence)] ?? t(p.evidence)}, ${t(p.regime)} HS 대응표${opt(t(p.note), (n) => `: ${n}`)}]`,
  "search.hsNotMapped": (p, t) => `HS ${t(p.hs)}은(는) HS 대응표에 없음`,
  "search.isNumber": (p, t) => `${t(p.number)}은(는) 이 항목의 번호임`,
  "search.fallsUnder": (p, t) => `${t(p.number)}은(는) ${t(p.entry)}에 속함`,
  "search.row": (p, t) => `${t(p.row)}은(는) 이 항목의 ${t(p.regime)} 항번임`,
  "search.nameOf": (p, t) => `"${t(p.text)}"은(는) ${p.sub ? "" : "항목 "}${t(p.number)}의 명칭임`,
  "search.inNames": (p, t) => `"${t(p.text)}"이(가) ${t(p.number)}의 제목 또는 명칭에 나타남`,
  "search.words": (p, t) =>
    `${t(p.terms)}이(가) ${t(p.number)} (${t(p.regime)}${p.sub ? ", 상위 항목의 명칭 포함" : ""})과(와) 일치함: ${t(p.title)}`,
  "search.within": (p, t) =>
    `${t(p.value)}은(는) ${t(p.target)}의 ${t(p.name)} 기준(${t(p.threshold)}) 범위에 있음 (${t(p.regime)}, ${t(p.period)}; ${EVIDENCE[t(p.evidence)] ?? t(p.evidence)})`,
  "search.hasThreshold": (p, t) => `${t(p.number)}에는 "${t(p.name)}"에 관한 기준이 있음`,
  "search.numberMap": (p, t) =>
    `${t(p.regime)}: 번호 대응표로만 ${t(p.value)} (${t(p.part)})에 해당함; ${t(p.number)}을(를) 수록한 ${t(p.regime)} 항목은 없음`,
  "search.numberIs": (p, t) =>
    `${t(p.regime)}: ${t(p.number)}은(는) ${t(p.value)}${opt(t(p.partTitle), (s) => ` (${s})`)}에 해당함`,
  "search.structure": (p, t) => t(p.text),

  "verdict.prohibited": (p, t) => `금지: 라인 ${t(p.lines)}`,
  "verdict.confirmed": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)} "${t(p.name)}"은(는) ${t(p.list)} 항목 ${t(p.entry)} "${t(p.matched)}"과(와) 일치가 확인됨 (점수 ${t(p.score)})`,
  "verdict.maybe": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)} "${t(p.name)}"은(는) ${t(p.list)} 항목 ${t(p.entry)} "${t(p.matched)}"일 수 있음 (점수 ${t(p.score)})${p.decided ? "" : ": 판단이 필요함"}`,
  "verdict.endUserList": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)} "${t(p.name)}"이(가) ${t(p.list)} 항목 ${t(p.entry)} "${t(p.matched)}"과(와) 일치함 (점수 ${t(p.score)}): 이 제도의 최종사용자 목록이 라인에 적용됨`,
  "verdict.required": (p, t) => `허가 필요: 라인 ${t(p.lines)}`,
  "verdict.undetermined": (p, t) => `판단 불가: 라인 ${t(p.lines)}`,
  "verdict.noLists": () => "가져온 제재 대상자 목록이 없어 당사자를 심사하지 않음",
  "verdict.notConfigured": () => "이곳에는 심사가 설정되어 있지 않아 당사자를 심사하지 않음",
  "verdict.noParties": () => "선적에 당사자가 기재되지 않아 아무것도 심사하지 않음",
  "verdict.clear": () => "허가 불필요, 목록과 일치한 당사자 없음",
};
