/** What-if analysis (pure): decisions under a baseline and a change, law diffs in words, impact reports. */
export {
  ImpactRun,
  emptyTally,
  mergeTallies,
  itemKey,
  verdictText,
  changeKinds,
  type ImpactSetup,
  type ImpactSide,
  type ImpactTally,
  type CandidateLicence,
  type ChangeKind,
  type ChangedLine,
  type Verdict,
} from "./compare.ts";
export {
  CsvChunker,
  JsonArraySplitter,
  headerProblems,
  parseHeader,
  parseCsvChunk,
  toLine,
  knownColumns,
  type ImpactLine,
  type InputProblem,
  type CsvChunk,
  type JsonElement,
  type RowContext,
} from "./input.ts";
export { addCsvChunk, addJsonElements } from "./batch.ts";
export {
  buildReport,
  summaryText,
  reportJson,
  reportCsv,
  money,
  type ImpactReport,
  type ImpactMeta,
} from "./report.ts";
export { reportHtml } from "./html.ts";
export {
  formatLawDiff,
  formatOverlay,
  overlaySummary,
  movedTimelines,
  type OverlaySummary,
} from "./law-text.ts";
