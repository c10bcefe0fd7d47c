// Type declarations for kuroshiro 1.2 and its kuromoji analyzer (the packages ship none): only what
// ./japanese.ts uses.
declare module "kuroshiro" {
  interface KuroshiroUtil {
    kanaToRomaji(text: string, system: "nippon" | "passport" | "hepburn"): string;
  }
  export class Kuroshiro {
    static Util: KuroshiroUtil;
    init(analyzer: unknown): Promise<void>;
  }
  const mod: { default: typeof Kuroshiro } | typeof Kuroshiro;
  export default mod;
}

declare module "kuroshiro-analyzer-kuromoji" {
  interface KuromojiToken {
    surface_form: string;
    reading?: string;
  }
  export class KuromojiAnalyzer {
    constructor(options?: { dictPath?: string });
    init(): Promise<void>;
    _analyzer: { tokenize(text: string): KuromojiToken[] } | null;
  }
  const mod: { default: typeof KuromojiAnalyzer } | typeof KuromojiAnalyzer;
  export default mod;
}
