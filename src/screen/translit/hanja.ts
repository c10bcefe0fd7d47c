/**
 * Sino-Korean readings of the Han characters most used in Korean personal names (hanja → Hangul), so that a
 * Korean name written in Han characters (金正恩) is also read the Korean way (김정은 → Kim Jong Un) and not only
 * as Mandarin pinyin (Jin Zhengen). A small hand-written table of surnames and common given-name characters;
 * a name is read this way only when every character is in it. Readings are the South Korean word-initial
 * forms (李 → 이); the Hangul romaniser adds the North Korean spellings (Ri).
 */

// pairs: character, reading
const PAIRS =
  // surnames
  "金김李이朴박崔최鄭정姜강趙조尹윤張장林임韓한吳오徐서申신權권黃황安안宋송柳유洪홍全전高고文문孫손梁양" +
  "裵배裴배白백曺조許허南남沈심盧노河하丁정成성車차具구郭곽禹우朱주任임羅나辛신閔민陳진池지嚴엄元원蔡채" +
  "千천方방玄현孔공康강卞변咸함魯노廉염楊양邊변呂여秋추都도石석蘇소愼신宣선薛설周주吉길延연魏위表표明명" +
  "房방潘반王왕琴금玉옥奇기陸육印인孟맹諸제卓탁鞠국余여睦목奉봉片편慶경殷은丘구龍용桂계太태馬마" +
  // given-name characters
  "正정恩은日일哲철喆철徹철澈철鐵철秀수英영永영泳영榮영鎬호浩호昊호豪호虎호好호民민珉민敏민俊준浚준峻준" +
  "埈준賢현炫현鉉현峴현志지智지知지在재載재宰재材재泰태台태大대德덕東동洞동光광弘홍勇용容용鏞용美미淑숙" +
  "姬희熙희喜희希희羲희仁인寅인仙선善선鮮선先선順순淳순純순舜순男남國국基기起기根근勤근錫석碩석相상尙상" +
  "祥상商상世세洙수守수壽수洙수承승昇승勝승升승時시始시植식信신新신心심雅아良양陽양洋양如여然연淵연燕연" +
  "寧녕完완旭욱雲운源원遠원媛원月월有유裕유允윤潤윤胤윤銀은乙을義의宜의益익翼익一일子자慈자長장章장" +
  "典전貞정廷정庭정禎정晶정鍾종鐘종宗종柱주俊준仲중重중中중之지鎭진鎮진眞진珍진振진贊찬燦찬讚찬昌창" +
  "昶창天천春춘忠충治치澤택平평夏하學학漢한海해赫혁炯형亨형衡형和화華화煥환桓환晃황會회孝효勳훈" +
  "薰훈輝휘興흥斗두萬만滿만武무茂무範범柏백福복鳳봉富부夫부彬빈士사思사山산三삼瑞서雪설燮섭性성" +
  "星성聖성誠성盛성昭소素소松송述술崇숭實실亞아岩암愛애彦언烈열藝예五오吾오旺왕堯요宇우佑우祐우雨우" +
  "友우郁욱昱욱雄웅苑원瑋위由유儒유柔유閏윤栗율律율隱은誼의伊이二이人인蓮연玲영靑청淸청超초" +
  "就취致치宅택統통弼필鶴학翰한恒항幸행香향憲헌革혁協협惠혜慧혜化화禾화確확滉황效효厚후休휴欽흠" +
  "默묵沃옥均균圭규奎규揆규珪규極극琦기璣기箕기麟린燐린彩채采채";

const MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i]!, chars[i + 1]!);
  return m;
})();

/** The Hangul reading of a run of Han characters, or undefined when any character is not in the table. */
export function hanjaToHangul(han: string): string | undefined {
  let out = "";
  for (const ch of han) {
    const r = MAP.get(ch);
    if (r === undefined) return undefined;
    out += r;
  }
  return out;
}
