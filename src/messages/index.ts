/** The engine's words in three languages: message ids with parameters and their renderings. */
export * from "./types.ts";
export { render, msg, packText, isLang, isMessageId } from "./render.ts";
export type { MessageId } from "./catalogue-en.ts";
