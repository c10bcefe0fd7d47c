/**
 * The shapes of the engine's words: a message is an id with parameters, rendered in English, Korean or
 * Japanese (catalogue-*.ts, render.ts). A pack's own text (a measure's title, a limb's label) travels as a
 * `PackText` holding the pack's renderings of it, so a message renders anywhere without the pack. No imports:
 * the engine, the application layer, the CLI and the web app all use these.
 */
export const LANGS = ["en", "ko", "ja"] as const;
export type Lang = (typeof LANGS)[number];

/** A text of a policy pack with its renderings (English is the pack's own; ko/ja from its `texts`). */
export interface PackText {
  en: string;
  ko?: string | undefined;
  ja?: string | undefined;
}

export type Param = string | number | PackText | Msg | readonly Param[];

/** One sentence of the engine: a message id (catalogue-en.ts names them all) and its parameters. */
export interface Msg {
  id: string;
  p: Readonly<Record<string, Param>>;
}

/** Renders one parameter in the template's language; `sep` joins a list (default: the language's comma). */
export type ParamRenderer = (v: Param | undefined, sep?: string) => string;

export type Template = (p: Readonly<Record<string, Param>>, t: ParamRenderer) => string;
