/**
 * The words of company and institution names written in Han (simplified, traditional, Japanese forms), Hangul
 * and katakana, with the English words the romanised lists use for them: 华为技术 is "Huawei" and "technology",
 * not "hua wei ji shu"; 조선광업개발무역회사 is "Korea Mining Development Trading Company". A native run is cut
 * into segments — known words (read in English), names from the sourced alias table (read as the listed name:
 * 海康威视 → Hikvision) and the rest (read phonetically). In a short run (four characters or fewer, the length
 * of a personal name) only the ends are cut and at least two characters of name are kept, so that 김정보 stays a
 * name; a longer run is cut wherever a word is found. Pure.
 */

/** A word's English reading: the words as the lists write them ("a|b": two readings, both tried). */
interface Word {
  en: string;
  /** place: a conventional spelling (哈尔滨 → Harbin); word: a company word; alias: a sourced listed name */
  kind: "word" | "place" | "alias";
  /** The alias table entry's source (alias words only). */
  source?: string;
}

const WORDS: [english: string, native: string[]][] = [
  [
    "technology",
    ["技术", "技術", "科技", "기술", "테크놀로지", "테크놀로지스", "テクノロジーズ", "テクノロジー"],
  ],
  ["science and technology", ["科学技术", "科學技術", "과학기술"]],
  ["electronics", ["电子", "電子", "전자", "エレクトロニクス"]],
  ["group", ["集团", "集團", "그룹", "グループ"]],
  ["industry", ["工业", "工業", "산업", "공업", "実業", "实业", "實業", "インダストリーズ", "产业", "産業"]],
  ["heavy industries", ["重工业", "重工業", "중공업", "重工"]],
  ["trading", ["贸易", "貿易", "무역", "商事", "商贸", "商貿", "トレーディング"]],
  ["institute", ["研究所", "연구소", "연구원", "研究中心"]],
  ["institute|academy", ["研究院"]],
  ["research", ["研究"]],
  ["institute of technology|university of technology", ["理工大学", "理工大學"]],
  ["academy of sciences", ["科学院", "科學院", "과학원"]],
  ["academy", ["学院", "學院"]],
  ["university", ["大学", "大學", "대학교", "대학"]],
  ["information", ["信息", "資訊", "情報", "정보"]],
  ["development", ["开发", "開發", "開発", "개발", "发展", "發展"]],
  ["mining", ["矿业", "礦業", "鉱業", "광업"]],
  ["bank", ["银行", "銀行", "은행"]],
  ["shipping", ["海运", "海運", "해운", "航运", "航運"]],
  ["aviation|aeronautics|air|airlines", ["航空", "항공"]],
  ["aerospace|astronautics", ["航天", "항공우주"]],
  ["company", ["회사", "公司"]],
  ["general corporation", ["총회사"]],
  ["general bureau", ["총국"]],
  ["communication", ["通信", "通讯", "通訊", "통신"]],
  ["equipment", ["设备", "設備", "장비"]],
  ["international", ["国际", "國際", "국제", "インターナショナル"]],
  ["semiconductor", ["半导体", "半導體", "半導体", "반도체"]],
  ["integrated circuit", ["集成电路", "集成電路"]],
  ["machinery", ["机械", "機械", "기계"]],
  ["materials", ["材料", "소재"]],
  ["manufacturing", ["制造", "製造", "제조"]],
  ["digital", ["数字", "數字"]],
  ["engineering", ["工程", "エンジニアリング"]],
  ["physics", ["物理", "물리"]],
  ["defense", ["国防", "國防", "국방"]],
  ["national", ["国家", "國家"]],
  ["motor", ["自动车", "自動車", "자동차"]],
  ["works", ["製作所"]],
  ["chemical", ["化工", "化学", "化學", "화학"]],
  ["energy", ["能源", "에너지"]],
  ["nuclear", ["核工业", "核工業", "원자력"]],
  ["network", ["网络", "網絡", "ネットワーク"]],
  ["systems", ["系统", "系統", "システムズ", "システム"]],
  ["software", ["软件", "軟體", "ソフトウェア"]],
  ["optics", ["光学", "光學"]],
  ["instruments", ["仪器", "儀器"]],
  ["import export", ["进出口", "進出口"]],
  ["holdings", ["控股", "ホールディングス", "홀딩스"]],
  ["production", ["生产", "生產"]],
  ["construction", ["建设", "建設", "건설"]],
  ["corps", ["兵团", "兵團"]],
  [
    "polytechnical university|institute of technology|university of technology",
    ["工业大学", "工業大學", "工業大学"],
  ],
  ["peoples liberation army|pla", ["人民解放军", "人民解放軍"]],
  ["peoples army", ["인민군"]],
  ["ministry of state security|state security department", ["국가보위성"]],
  ["munitions", ["군수"]],
  ["industry department", ["공업부"]],
  ["department", ["부서"]],
  ["commercial", ["상업", "商业", "商業"]],
  ["private", ["民間", "民间"]],
  ["military", ["軍事", "军事", "군사"]],
  ["company", ["会社"]],
  ["federal", ["連邦", "连邦", "联邦", "聯邦", "연방"]],
  ["security service", ["保安庁"]],
  ["islamic", ["イスラム", "이슬람"]],
  ["revolutionary", ["革命", "혁명"]],
  ["guard corps", ["防衛隊", "수비대"]],
  ["concern", ["コンツェルン"]],
  ["airlines|air", ["航空公司"]],
  // Persian and Arabic words of company names (each also read as written: "Bank Melli" is a listed name)
  ["company", ["شرکت", "شركة"]],
  ["national", ["ملی", "ملي"]],
  ["tanker", ["نفتکش"]],
  ["bank", ["بانک", "بنك"]],
  ["airlines|air", ["هواپیمایی"]],
  ["shipping lines|shipping", ["کشتیرانی"]],
  ["republic", ["جمهوری", "جمهورية"]],
  ["islamic", ["اسلامی", "الإسلامية", "اسلامي"]],
  ["organization", ["تنظيم", "سازمان"]],
  ["revolutionary guard corps|revolutionary guards", ["پاسداران"]],
];

/** Places (and the country) as the lists write them. */
const PLACES: [english: string, native: string[]][] = [
  ["china|chinese", ["中国", "中國"]],
  ["korea|korean|choson", ["조선"]],
  ["japan", ["日本"]],
  ["russia|russian", ["ロシア", "러시아"]],
  ["xinjiang", ["新疆"]],
  ["iran|iranian", ["ایران", "إيران"]],
  ["beijing", ["北京"]],
  ["shanghai", ["上海"]],
  ["shenzhen", ["深圳"]],
  ["harbin", ["哈尔滨", "哈爾濱"]],
  ["shandong", ["山东", "山東"]],
  ["tianjin", ["天津"]],
  ["hangzhou", ["杭州"]],
  ["guangzhou", ["广州", "廣州"]],
  ["chengdu", ["成都"]],
  ["wuhan", ["武汉", "武漢"]],
  ["nanjing", ["南京"]],
  ["xian", ["西安"]],
  ["northwestern", ["西北"]],
  ["hong kong", ["香港"]],
  ["pyongyang", ["평양"]],
];

/** One entry of the sourced alias table: native forms → the name the lists hold. */
export interface NativeAlias {
  native: string[];
  /** the listed names, each tried as a reading */
  listed: string[];
  source: string;
}

/** A listed name as words: lower case, letters and digits ("Co., Ltd." → "co ltd"). */
function listedWords(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type Segment =
  { word: string; kind: Word["kind"]; native: string; source?: string } | { text: string };

export interface Dictionary {
  /** native spelling → English words, longest spellings first */
  readonly entries: ReadonlyMap<string, Word>;
  readonly maxLength: number;
}

/** The built-in words and places, and the alias table's names when given. */
export function makeDictionary(aliases: readonly NativeAlias[] = []): Dictionary {
  const entries = new Map<string, Word>();
  for (const [en, ns] of WORDS) for (const n of ns) entries.set(n, { en, kind: "word" });
  for (const [en, ns] of PLACES) for (const n of ns) entries.set(n, { en, kind: "place" });
  for (const a of aliases) {
    const en = a.listed.map(listedWords).filter((w) => w.length > 0);
    if (en.length === 0) continue;
    for (const n of a.native)
      entries.set(n.normalize("NFKC").toLowerCase(), { en: en.join("|"), kind: "alias", source: a.source });
  }
  let maxLength = 0;
  for (const k of entries.keys()) maxLength = Math.max(maxLength, [...k].length);
  return { entries, maxLength };
}

const BUILT_IN = makeDictionary();

/** The longest dictionary word starting at chars[i], or undefined. */
function wordAt(
  chars: string[],
  i: number,
  d: Dictionary,
  maxEnd = chars.length,
): [string, Word] | undefined {
  for (let len = Math.min(d.maxLength, maxEnd - i); len >= 2; len--) {
    const s = chars.slice(i, i + len).join("");
    const w = d.entries.get(s);
    if (w) return [s, w];
  }
  return undefined;
}

function wordSegment(native: string, w: Word): Segment {
  return w.source !== undefined
    ? { word: w.en, kind: w.kind, native, source: w.source }
    : { word: w.en, kind: w.kind, native };
}

/** Cut a native run (legal forms already removed) into words and name text. */
export function segmentNative(run: string, d: Dictionary = BUILT_IN, alone = true): Segment[] {
  const chars = [...run];
  if (chars.length === 0) return [];
  const whole = d.entries.get(run);
  // a word on its own beside a name in another script ("LG전자") is a word
  if (whole && (whole.kind === "alias" || !alone)) return [wordSegment(run, whole)];
  if (chars.length <= 4) return cutEnds(chars, d);
  const out: Segment[] = [];
  let text = "";
  for (let i = 0; i < chars.length;) {
    const hit = wordAt(chars, i, d);
    if (hit) {
      if (text) out.push({ text });
      text = "";
      out.push(wordSegment(hit[0], hit[1]));
      i += [...hit[0]].length;
    } else text += chars[i++];
  }
  if (text) out.push({ text });
  return out;
}

/** A short run: words cut at the start (places, an alias) and at the end, keeping two characters of name. */
function cutEnds(chars: string[], d: Dictionary): Segment[] {
  const before: Segment[] = [];
  const after: Segment[] = [];
  let from = 0;
  let to = chars.length;
  for (;;) {
    const hit = wordAt(chars, from, d, to);
    if (!hit || hit[1].kind === "word" || to - from - [...hit[0]].length < 2) break;
    before.push(wordSegment(hit[0], hit[1]));
    from += [...hit[0]].length;
  }
  for (;;) {
    let found: [string, Word] | undefined;
    // the name may be wholly a name of the alias table or a place cut at the start (腾讯 + 控股)
    const keep = before.length > 0 ? 0 : 2;
    for (let len = Math.min(d.maxLength, to - from - keep); len >= 2 && !found; len--) {
      const s = chars.slice(to - len, to).join("");
      const w = d.entries.get(s);
      if (w) found = [s, w];
    }
    if (!found) break;
    after.unshift(wordSegment(found[0], found[1]));
    to -= [...found[0]].length;
  }
  const rest = chars.slice(from, to).join("");
  return [...before, ...(rest ? [{ text: rest }] : []), ...after];
}

/** True when a segment is a known word (not name text). */
export function isWord(s: Segment): s is Extract<Segment, { word: string }> {
  return "word" in s;
}
