/** The engine's sentences in Japanese (the ids of catalogue-en.ts; legal names come in as the pack gives them). */
import type { MessageId } from "./catalogue-en.ts";
import type { Template } from "./types.ts";

const opt = (v: string, wrap: (s: string) => string) => (v ? wrap(v) : "");
const KNOW: Record<string, string> = { known: "認識あり", suspected: "疑いあり", none: "なし" };
const INFORM: Record<string, string> = { wmd: "大量破壊兵器", conventional: "通常兵器" };
// an item's yes/no, and a yes/no condition of a threshold (`= true`)
const MEANS_JA: Record<string, string> = {
  email: "電子メール",
  download: "ダウンロード",
  training: "教育・訓練",
  documents: "文書",
  oral: "口頭",
  media: "記録媒体",
  other: "その他の方法",
};
const EXEMPT_JA: Record<string, string> = {
  "public-domain": "公知の技術",
  "basic-research": "基礎科学分野の研究",
  "patent-minimum": "特許出願に必要な最小限の技術",
  "minimum-for-use": "据付・操作・保守・修理に必要な最小限の技術",
};
const KIND_JA: Record<string, string> = { technology: "技術提供", brokering: "仲介貿易", transit: "通過" };
const YES_NO: Record<string, string> = { yes: "はい", no: "いいえ", true: "はい", false: "いいえ" };
const EVIDENCE: Record<string, string> = { verified: "検証済み", reported: "二次資料", unverified: "未検証" };
const DIMENSION: Record<string, string> = {
  length: "長さ",
  "mass-fraction": "質量分率",
  "mole-fraction": "モル分率",
  "volume-fraction": "体積分率",
  percent: "百分率",
  "charge-per-area": "面積当たりの電荷",
  resistivity: "抵抗率",
  temperature: "温度",
  frequency: "周波数",
  voltage: "電圧",
  current: "電流",
  power: "電力",
  "specific-energy": "比エネルギー",
  dose: "線量",
  "dose-rate": "線量率",
  fluence: "フルエンス",
  volume: "体積",
  area: "面積",
  "mass-concentration": "質量濃度",
  flow: "流量",
  time: "時間",
  mass: "質量",
  none: "無次元",
};
const ROLE: Record<string, string> = {
  consignee: "荷受人",
  endUser: "需要者",
  purchaser: "購入者",
  intermediateConsignee: "中間荷受人",
};

export const JA: Record<MessageId, Template> = {
  text: (p, t) => t(p.text),

  "dest.groups": (p, t) => `${t(p.country)}は、この日付で${t(p.groups)}に属する`,
  "dest.noGroup": (p, t) => `${t(p.country)}は、この日付でいずれのグループにも属さない`,

  "class.notListed": () => "規制番号なし: リスト規制品ではない",
  "class.row": (p, t) => `規制リストの${t(p.cn)}項: ${t(p.title)}${opt(t(p.hs), (h) => `（HS ${h}）`)}`,
  "class.rowOnly": (p, t) => `規制リストの${t(p.cn)}項`,
  "class.entry": (p, t) => `${t(p.cn)}は${t(p.part)}の${t(p.number)}（${t(p.title)}）に該当する`,
  "class.numbering": (p, t) =>
    `${t(p.cn)}は項目ごとには収録されていないが、番号体系上${t(p.part)}${opt(t(p.title), (s) => `（${s}）`)}に属する`,
  "class.unplaced": (p, t) => `${t(p.cn)}はこの制度の規制リストに位置付けられなかった`,

  "list.required": (p, t) => `リスト規制品（${t(p.part)}）: すべての仕向地について許可が必要`,
  "lic.eligible": (p, t) => `${t(p.name)}: 利用可${opt(t(p.conditions), (c) => `（${c}）`)}`,
  "lic.possible": (p, t) =>
    `${t(p.name)}: 利用できる可能性あり [未検証]${opt(t(p.conditions), (c) => `（${c}）`)}`,
  "lic.notEligible": (p, t) => `${t(p.name)}: 利用不可${opt(t(p.conditions), (c) => `（${c}）`)}`,
  "measure.effect": (p, t) => {
    const only = t(p.onlyNames);
    const allow = t(p.allowNames);
    return `${t(p.title)}: ${only ? `${only}のみ` : ""}${allow ? `${only ? "、" : ""}${allow}も可` : ""}${opt(t(p.conditions), (c) => `（${c}）`)}`;
  },

  "exempt.notEvaluated": (p, t) => `${t(p.title)}: 評価せず（${t(p.currency)}建ての行の価額が必要）`,
  "exempt.notAvailable": (p, t) => `${t(p.title)}: この仕向地には利用できない`,
  "exempt.notApplied": (p, t) => `${t(p.title)}: 適用せず（要件が未検証）`,
  "exempt.over": (p, t) => `${t(p.title)}: 行の価額が上限${t(p.limit)} ${t(p.currency)}を超える`,
  "exempt.within": (p, t) => `${t(p.title)}: 適用（行の価額が上限${t(p.limit)} ${t(p.currency)}以内）`,
  "exempt.barred": (p, t) => `${t(p.title)}: 利用できない。キャッチオール規制の要件に該当: ${t(p.limbs)}`,
  "exempt.measure": (p, t) => `${t(p.title)}: 上限以内だが、特別措置が適用されるため適用せず`,

  "limb.withMet": (p, t) => `${t(p.label)}（${t(p.met, "；")}）`,
  "limb.notTriggered": (p, t) => `${t(p.label)}: 該当せず`,
  "limb.outOfScope": (p, t) =>
    `${t(p.label)}: キャッチオール規制の対象外（${t(p.chapter) ? `HS第${t(p.chapter)}類` : "HS類は不明"}）`,
  "limb.none": (p, t) =>
    `この日付で${t(p.country)}（${t(p.groups)}）に適用されるキャッチオール規制の要件はない`,
  "limb.undetermined": (p, t) =>
    `${t(p.label)}: ${t(p.met, "；")}に該当するが、適用の有無をパックでは判断できない → 判定不能`,
  "limb.required": (p, t) => `${t(p.label)}: ${t(p.met, "；")}に該当 → ${t(p.permitName)}が必要`,
  "limb.partial": (p, t) =>
    `${t(p.label)}: HS ${t(p.hs) || "（なし）"}は、パックが保持する${t(p.lists)}の品目にない → 判定不能`,
  "list.heldOf": (p, t) => `${t(p.name)}（${t(p.count)}品目中${t(p.held)}品目）`,

  "embargo.approval": (p, t) => `${t(p.title)}: 承認が必要（${t(p.permitName)}）`,
  "embargo.prohibited": (p, t) => `${t(p.title)}: 禁止`,
  caution: (p, t) => `${t(p.title)}: ${t(p.message)}`,

  "met.wmd": (p, t) => `大量破壊兵器等の用途（${KNOW[t(p.k)] ?? t(p.k)}）`,
  "met.military": (p, t) => `軍事用途（${KNOW[t(p.k)] ?? t(p.k)}）`,
  "met.informed": (p, t) => `経済産業大臣等からの通知（${INFORM[t(p.which)] ?? t(p.which)}）`,
  "met.endUserListed": () => "需要者が当該制度のエンドユーザーリストに掲載されている",
  "met.redFlag": (p, t) => `懸念兆候 第${t(p.number)}号（${t(p.text)}）: 評価を要する疑い`,
  "met.regardless": () => "貨物と仕向地（用途を問わない）",
  "met.hsOnList": (p, t) => `HS ${t(p.hs)}が${t(p.list)}に掲載（${t(p.title)}）`,

  "cav.unverified": (p, t) => `${t(p.id)}（${t(p.from)}施行）は未検証`,
  "cav.optionPossible": (p, t) => `${t(p.name)}は可能性にとどまる: ${t(p.why)}`,
  "cav.ruleUnverified": (p, t) => `適格性の規則${t(p.rule)}は未検証`,
  "cav.measureUnverified": (p, t) => `措置${t(p.measure)}は未検証`,
  "cav.precaution": (p, t) =>
    `${t(p.title)}は${t(p.entries)}に適用されるが、この行はHSコードなしに${t(p.item)}のみを記載しているため、予防的に措置を適用した。対象か否かはHSコードを入力して確認すること`,
  "cav.exemptFlag": (p, t) => `${t(p.title)}が適用される可能性があるが、要件が未検証のため適用していない`,
  "cav.lowerLimit": (p, t) =>
    `下限${t(p.limit)} ${t(p.currency)}は経済産業省が告示で指定する貨物にのみ適用される。この品目が指定されていなければ上限は${t(p.full)}であり、この行は許可不要となる`,
  "cav.measureExemption": (p, t) => `特別措置と${t(p.title)}との関係は未検証。慎重な回答: 許可が必要`,
  "cav.notInList": (p, t) => `${t(p.cn)}はこのパックの規制リストにない。リスト規制品として扱う`,
  "cav.assess": (p, t) => `${t(p.label)}: ${t(p.met, "；")}だけではこの要件を満たさない — ${t(p.assess)}`,
  "cav.partial": (p, t) =>
    `${t(p.name)}は一部のみ保持（${t(p.count)}品目中${t(p.held)}品目）。HS ${t(p.hs) || "?"}は見つからなかったが、掲載されている可能性がある`,
  "cav.redFlags": (p, t) =>
    `懸念兆候 第${t(p.flags)}号だけでは意図は示されない。輸出者は、それが貨物が大量破壊兵器又は通常兵器に使用されるとの疑いを生じさせるかを評価しなければならない。その評価で兆候が解消されるまで、慎重な回答として${t(p.permitName)}が必要`,
  "tx.technology": (p, t) =>
    `技術の提供: ${t(p.country)}の${t(p.recipient)}へ、${t(p.place) === "abroad" ? "外国において" : "輸出国内で"}、${MEANS_JA[t(p.means)] ?? t(p.means)}${opt(t(p.exemption), (x) => `。輸出者が主張する例外: ${EXEMPT_JA[x] ?? x}`)}`,
  "tx.brokering": (p, t) =>
    `仲介: ${t(p.origin)}から${t(p.destination)}へ移動する貨物${t(p.licensed) === "yes" ? "。輸出国の輸出許可あり" : ""}`,
  "tx.transit": (p, t) => `通過: ${t(p.origin)}から${t(p.destination)}へ向かう貨物`,
  "tx.method": (p, t) => `${MEANS_JA[t(p.means)] ?? t(p.means)}: ${t(p.method)}`,
  "tx.permit": (p, t) => `${t(p.title)}: ${t(p.permitName)}（${t(p.permit)}）が必要`,
  "tx.none": (p, t) => `${t(p.title)}: 許可は不要`,
  "tx.undetermined": (p, t) => `${t(p.title)}: パックからは判断できない — ${t(p.missing)}`,
  "tx.noRule": (p, t) =>
    `${t(p.regime)}パックのどの規則もこの${KIND_JA[t(p.kind)] ?? t(p.kind)}取引を判断しない: パックに未収録のため、許可当局に確認してください`,

  "cav.reviewed": (p, t) =>
    `${t(p.regime)}パックの法令は${t(p.date)}までの出典と照合済み。それ以降に施行された改正は反映されていない`,

  "missing.check": (p, t) =>
    `${t(p.what)}: 出荷前に、施行中の公式リスト（${t(p.from)}）とHSコードを照合すること`,
  "missing.noHs": (p, t) => `行にHSコードがないが、${t(p.name)}はHSコードで判断する`,
  "missing.hsNotAmong": (p, t) =>
    `HS ${t(p.hs)}は、パックが保持する${t(p.name)}の品目（${t(p.count)}品目中${t(p.held)}品目）にない`,
  "missing.limb": (p, t) => `${t(p.label)}: ${t(p.met, "；")}に該当 — ${t(p.undetermined)}`,

  "eul.step": (p, t) =>
    `需要者が${t(p.list)}の No. ${t(p.entry)}「${t(p.matched)}」と一致（スコア${t(p.score)}、リスト版${t(p.version)}）: エンドユーザーリスト掲載`,
  "cav.eulMatch": (p, t) =>
    `需要者は名称により${t(p.list)}の No. ${t(p.entry)}と照合された（スコア${t(p.score)}）。別の当事者であれば、その項目に誤検知（false-positive）の判断を記録すること`,

  "param.equals": (p, t) => `${t(p.name)} = ${YES_NO[t(p.value)] ?? t(p.value)}`,
  "param.bounds": (p, t) => `${t(p.name)} ${t(p.bounds, " かつ ")}`.trim(),
  "param.period": (p, t) => (p.to ? `${t(p.from)}～${t(p.to)}` : `${t(p.from)}から`),
  "param.sub": (p, t) => `${t(p.number)}${opt(t(p.title), (s) => `（${s}）`)}`,
  "param.notYesNo": (p, t) => `${t(p.name)}: 「${t(p.value)}」は「はい」「いいえ」として読み取れない`,
  "param.yesNoMet": (p, t) => `${t(p.name)}: ${YES_NO[t(p.got)] ?? t(p.got)}、要件を満たす`,
  "param.yesNoMissed": (p, t) =>
    `${t(p.name)}: ${YES_NO[t(p.got)] ?? t(p.got)}（基準が求める値: ${YES_NO[t(p.want)] ?? t(p.want)}）`,
  "param.is": (p, t) => `${t(p.name)}: 「${t(p.value)}」は${t(p.want)}に当たる`,
  "param.isNot": (p, t) => `${t(p.name)}: 「${t(p.value)}」は${t(p.want)}に当たらない`,
  "param.notQuantity": (p, t) => `${t(p.name)}: 「${t(p.value)}」は単位付きの数値ではない`,
  "param.unknownUnit": (p, t) => `${t(p.name)}: 基準の単位「${t(p.unit)}」が不明`,
  "param.incomparable": (p, t) =>
    `${t(p.name)}: ${t(p.value)}は${t(p.unit)}（${DIMENSION[t(p.dimension)] ?? t(p.dimension)}）の基準と比較できない${p.bare ? " — wt%で入力すること（単なる%では重量比か分からない）" : ""}`,
  "param.readIn": (p, t) => `${t(p.value)}（単位の記載なし。基準の単位${t(p.unit)}で読む）`,
  "param.meets": (p, t) => `${t(p.name)}: ${t(p.value)}は基準（${t(p.threshold)}）を満たす`,
  "param.misses": (p, t) => `${t(p.name)}: ${t(p.value)}は基準（${t(p.threshold)}）を満たさない`,
  "param.reading": (p, t) => {
    const ev = EVIDENCE[t(p.evidence)] ?? t(p.evidence);
    return `${t(p.label)}: ${t(p.reason)}${p.period ? ` [${t(p.period)}、${ev}]` : opt(ev, (e) => ` [${e}]`)}`;
  },
  "param.notSubItem": (p, t) => `${t(p.sub)}は${t(p.entry)}の細目ではない`,
  "param.takenAs": (p, t) => `指定どおり、品目を${t(p.sub)}に該当するものとみなす`,
  "param.casListed": (p, t) => `CAS ${t(p.cas)}は${t(p.where)}に掲載されている`,
  "param.casNotListed": (p, t) => `CAS ${t(p.cas)}は${t(p.entry)}に掲載された化学物質に含まれない`,
  "param.noThresholds": (p, t) => `${t(p.entry)}には収録された基準値がない。条文に照らして判断すること`,
  "param.noneGiven": (p, t) =>
    `入力されたパラメータに${t(p.entry)}の基準に当たるものがない。この項目の基準: ${t(p.thresholds, "；")}`,
  "param.asserted": (p, t) =>
    `${t(p.label)}: ${t(p.sub)}を選択したため、基準（${t(p.threshold)}）は満たすものとみなす`,
  "param.notGiven": (p, t) =>
    `${t(p.label)}: ${t(p.name)}が入力されていない（基準: ${t(p.threshold)}${p.readings ? "、複数の文言あり" : ""}）`,
  "param.disagree": (p, t) =>
    `${t(p.label)}: 「${t(p.name)}」の文言によってこの品目の結果が異なる。適用される基準によって結論が決まるが、いずれが適用されるかは不明`,
  "param.unverifiedMiss": (p, t) =>
    `${t(p.label)}: 品目は基準を満たさないが、その基準は未検証のため、非該当とは判断できない`,
  "param.notAssessed": (p, t) => `評価せず（それらのパラメータが一つも入力されていない）: ${t(p.subs, "；")}`,
  "param.entryUnverified": (p, t) => `${t(p.entry)}（${t(p.id)}）は未検証${opt(t(p.note), (n) => `: ${n}`)}`,
  "param.thresholdUnverified": (p, t) =>
    `${t(p.label)}: 基準（${t(p.threshold)}）は未検証${opt(t(p.note), (n) => ` — ${n}`)}`,

  "search.invalidCas": (p, t) => `${t(p.cas)}は有効なCAS番号ではない（チェックディジット不一致）`,
  "search.casListed": (p, t) => `CAS ${t(p.cas)}は${t(p.number)}（${t(p.title)}）に掲載されている`,
  "search.hsMap": (p, t) =>
    `HS ${t(p.hs)}（${t(p.title)}）は${t(p.target)}に該当する可能性がある［${EVIDENCE[t(p.evidence)] ?? t(p.evidence)}、${t(p.regime)} HS対応表${opt(t(p.note), (n) => `：${n}`)}］`,
  "search.hsNotMapped": (p, t) => `HS ${t(p.hs)}はHS対応表にない`,
  "search.isNumber": (p, t) => `${t(p.number)}はこの項目の番号である`,
  "search.fallsUnder": (p, t) => `${t(p.number)}は${t(p.entry)}に含まれる`,
  "search.row": (p, t) => `${t(p.row)}はこの項目の${t(p.regime)}の項番である`,
  "search.nameOf": (p, t) => `「${t(p.text)}」は${p.sub ? "" : "項目"}${t(p.number)}の名称である`,
  "search.inNames": (p, t) => `「${t(p.text)}」は${t(p.number)}の表題または名称に含まれる`,
  "search.words": (p, t) =>
    `${t(p.terms)}が${t(p.number)}（${t(p.regime)}${p.sub ? "、上位項目の名称を含む" : ""}）に一致：${t(p.title)}`,
  "search.within": (p, t) =>
    `${t(p.value)}は${t(p.target)}の${t(p.name)}の基準（${t(p.threshold)}）の範囲内（${t(p.regime)}、${t(p.period)}；${EVIDENCE[t(p.evidence)] ?? t(p.evidence)}）`,
  "search.hasThreshold": (p, t) => `${t(p.number)}には「${t(p.name)}」に関する基準がある`,
  "search.numberMap": (p, t) =>
    `${t(p.regime)}：番号対応表のみによると${t(p.value)}（${t(p.part)}）に当たる；${t(p.number)}を収録した${t(p.regime)}の項目はない`,
  "search.numberIs": (p, t) =>
    `${t(p.regime)}：${t(p.number)}は${t(p.value)}${opt(t(p.partTitle), (s) => `（${s}）`)}に当たる`,
  "search.structure": (p, t) => t(p.text),

  "verdict.prohibited": (p, t) => `禁止: 行 ${t(p.lines)}`,
  "verdict.confirmed": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)}「${t(p.name)}」は${t(p.list)}の項目${t(p.entry)}「${t(p.matched)}」と一致が確認された（スコア${t(p.score)}）`,
  "verdict.maybe": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)}「${t(p.name)}」は${t(p.list)}の項目${t(p.entry)}「${t(p.matched)}」の可能性がある（スコア${t(p.score)}）${p.decided ? "" : ": 判断が必要"}`,
  "verdict.endUserList": (p, t) =>
    `${ROLE[t(p.role)] ?? t(p.role)}「${t(p.name)}」は${t(p.list)}の項目${t(p.entry)}「${t(p.matched)}」と一致（スコア${t(p.score)}）: 当該制度のエンドユーザーリストが各行に適用される`,
  "verdict.required": (p, t) => `許可が必要: 行 ${t(p.lines)}`,
  "verdict.undetermined": (p, t) => `判定不能: 行 ${t(p.lines)}`,
  "verdict.noLists": () => "制裁対象者リストが取り込まれていないため、当事者を審査していない",
  "verdict.notConfigured": () => "ここでは審査が設定されていないため、当事者を審査していない",
  "verdict.noParties": () => "取引に当事者の記載がないため、何も審査していない",
  "verdict.clear": () => "許可不要。リストに一致した当事者なし",
};
