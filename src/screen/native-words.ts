/**
 * The common words of company and institution names written in Han (simplified, traditional, Japanese forms),
 * Hangul and katakana, with the English word the romanised lists use for them: 华为技术 is "Huawei" and
 * "technology", not "hua wei ji shu". A native run is cut into [leading words][the name][trailing words]; the
 * words become their English forms (generic business words: aligned, weighted low) and only the rest is read
 * phonetically. A word is cut only while at least two characters of name are left. Pure.
 */
const WORDS: [english: string, native: string[]][] = [
  ["technology", ["技术", "技術", "科技", "기술", "테크놀로지", "テクノロジーズ", "テクノロジー"]],
  ["electronics", ["电子", "電子", "전자", "エレクトロニクス"]],
  ["group", ["集团", "集團", "그룹", "グループ"]],
  ["industry", ["工业", "工業", "산업", "공업", "実業", "实业", "實業", "インダストリーズ"]],
  ["trading", ["贸易", "貿易", "무역", "商事", "商贸", "商貿", "トレーディング"]],
  ["institute", ["研究所", "研究院", "연구소", "연구원"]],
  ["university", ["大学", "大學", "대학교", "대학"]],
  ["information", ["信息", "資訊", "情報", "정보"]],
  ["development", ["开发", "開發", "開発", "개발"]],
  ["mining", ["矿业", "礦業", "鉱業", "광업"]],
  ["bank", ["银行", "銀行", "은행"]],
  ["shipping", ["海运", "海運", "해운"]],
  ["aviation", ["航空", "항공"]],
  ["company", ["회사", "公司"]],
  ["communication", ["通信", "通讯", "通訊", "통신"]],
  ["equipment", ["设备", "設備", "장비"]],
  ["international", ["国际", "國際", "국제", "インターナショナル"]],
  ["semiconductor", ["半导体", "半導體", "半導体", "반도체"]],
  ["machinery", ["机械", "機械", "기계"]],
  ["materials", ["材料", "소재"]],
];
/** Leading place words (the lists write them in English). */
const PLACES: [english: string, native: string[]][] = [
  ["china", ["中国", "中國"]],
  ["beijing", ["北京"]],
  ["shanghai", ["上海"]],
  ["shenzhen", ["深圳"]],
  ["harbin", ["哈尔滨", "哈爾濱"]],
  ["tianjin", ["天津"]],
];

const byLength = (t: [string, string[]][]) =>
  t.flatMap(([en, ns]) => ns.map((n) => ({ n, en }))).sort((a, b) => b.n.length - a.n.length);
const SUFFIX = byLength(WORDS);
const PREFIX = byLength([...PLACES, ...WORDS.filter(([en]) => en === "international")]);

export interface NativeWords {
  /** English words read at the start, in order. */
  before: string[];
  rest: string;
  /** English words read at the end, in order. */
  after: string[];
}

export function nativeWords(run: string, minRest = 2): NativeWords {
  let rest = run;
  const before: string[] = [];
  const after: string[] = [];
  for (let cut = true; cut;) {
    cut = false;
    for (const w of PREFIX)
      if (rest.startsWith(w.n) && [...rest].length - [...w.n].length >= minRest) {
        before.push(w.en);
        rest = rest.slice(w.n.length);
        cut = true;
        break;
      }
  }
  for (let cut = true; cut;) {
    cut = false;
    for (const w of SUFFIX)
      if (rest.endsWith(w.n) && [...rest].length - [...w.n].length >= minRest) {
        after.unshift(w.en);
        rest = rest.slice(0, rest.length - w.n.length);
        cut = true;
        break;
      }
  }
  return { before, rest, after };
}
