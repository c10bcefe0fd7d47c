/**
 * The CJK font the printed documents are set in: TRADECTL_CJK_FONT (a TTF, OTF or TTC file, optionally
 * `file#PostScriptName` to pick a face), else Noto Sans CJK where Debian's fonts-noto-cjk (or another
 * distribution's package) puts it (`npm run setup:fonts`). In a collection the face follows the language:
 * NotoSansCJKkr-Regular for Korean, NotoSansCJKjp-Regular otherwise. No font found is a FontUnavailableError,
 * never a PDF with missing glyphs.
 */
import { existsSync } from "node:fs";
import type { DocumentLanguage } from "../app/document-labels.ts";

export const FONT_ENV = "TRADECTL_CJK_FONT";

/** Where distributions install Noto Sans CJK (Debian/Ubuntu first). */
export const DEFAULT_FONT_PATHS = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/OTF/NotoSansCJK-Regular.ttc",
];

const INSTALL_HINT =
  "install Noto Sans CJK (npm run setup:fonts, i.e. apt-get install fonts-noto-cjk on Debian) or set " +
  `${FONT_ENV} to a TTF/OTF/TTC file with Hangul and kana (file#PostScriptName picks a face of a collection)`;

/** The documents cannot be set: no usable CJK font (HTTP 503, with how to install one). */
export class FontUnavailableError extends Error {
  constructor(what: string) {
    super(`${what}: ${INSTALL_HINT}`);
    this.name = "FontUnavailableError";
  }
}

export interface FontChoice {
  path: string;
  /** The face of a collection (TTC) by PostScript name; undefined for a single-face file. */
  face?: string | undefined;
}

const faceFor = (lang: DocumentLanguage) =>
  lang === "ko" ? "NotoSansCJKkr-Regular" : "NotoSansCJKjp-Regular";

/** The font file and face for a language, from the environment or the default places. */
export function cjkFont(lang: DocumentLanguage, env: NodeJS.ProcessEnv = process.env): FontChoice {
  const given = env[FONT_ENV]?.trim();
  if (given) {
    const [path = "", face] = given.split("#");
    if (!existsSync(path)) throw new FontUnavailableError(`the font ${path} (${FONT_ENV}) does not exist`);
    return { path, face: face || (/\.ttc$/i.test(path) ? faceFor(lang) : undefined) };
  }
  const found = DEFAULT_FONT_PATHS.find((p) => existsSync(p));
  if (!found) throw new FontUnavailableError(`no CJK font found (looked for ${DEFAULT_FONT_PATHS[0]})`);
  return { path: found, face: faceFor(lang) };
}
