/** The engine's input (a shipment) and output (decisions with trace and caveats), as plain data. */
import type { Msg, PackText } from "../messages/types.ts";
import type { FactRef } from "../policy/index.ts";
import type {
  BrokeringFacts,
  TechnologyFacts,
  TransactionKind,
  TransitFacts,
} from "../policy/transactions.ts";

export type Knowledge = "none" | "suspected" | "known";

export interface EndUse {
  wmd: Knowledge;
  military: Knowledge;
  informed: ("wmd" | "conventional")[];
  endUserListed: boolean;
  redFlags: string[];
}

export interface Party {
  name?: string | undefined;
  country?: string | undefined;
}

export interface ItemLine {
  id: string;
  productId?: string | undefined;
  description?: string | undefined;
  controlNumber?: string | null | undefined;
  hsCode?: string | undefined;
  quantity?: number | undefined;
  unit?: string | undefined;
  value?: number | undefined;
  currency?: string | undefined;
}

/** What is controlled and its facts: the shared words of src/policy/transactions.ts. */
export type {
  BrokeringFacts,
  TechnologyExemption,
  TechnologyFacts,
  TransactionKind,
  TransitFacts,
} from "../policy/transactions.ts";

export interface Shipment {
  regime: string;
  /** Absent: `goods`. */
  kind?: TransactionKind | undefined;
  technology?: TechnologyFacts | undefined;
  brokering?: BrokeringFacts | undefined;
  transit?: TransitFacts | undefined;
  date: string;
  /** Goods: the country of destination; technology: the recipient's country; brokering and transit: where the goods finally go. */
  destination: string;
  endUser?: Party | undefined;
  consignee?: Party | undefined;
  purchaser?: Party | undefined;
  intermediateConsignees?: Party[] | undefined;
  endUse: EndUse;
  items: ItemLine[];
}

/**
 * `undetermined`: a fact that decides the answer is missing from the pack (a list encoded only in part, an
 * unknown and decisive membership); the decision's `missing` says what and what to check. Never read it as
 * "no licence required".
 */
export type Outcome = "no-licence-required" | "licence-required" | "prohibited" | "undetermined";
/** `approval`: an approval under another law decides the line (e.g. Korea's 반출승인 for North Korea). */
/** `transaction`: a rule for a technology transfer, a brokering or a transit decides (`src/determine/transaction.ts`). */
export type Basis =
  "listed" | "catch-all" | "special-measure" | "embargo" | "approval" | "transaction" | null;

export type StepKind =
  | "destination"
  | "classification"
  | "embargo"
  | "list-control"
  | "special-measure"
  | "licence-eligibility"
  | "exemption"
  | "catch-all"
  | "caution"
  | "end-user-list"
  | "transaction";

/** One step of the legal trace: which rule looked at what, the dated facts it used, and what it found. */
export interface TraceStep {
  kind: StepKind;
  rule: string;
  /** What the step found, in English (`msg` rendered); `msg` renders it in the user's language. */
  result: string;
  msg: Msg;
  facts: FactRef[];
  /** The pack's note on the rule, in English; `noteText` holds its renderings. */
  note?: string;
  noteText?: PackText;
  /**
   * The later step (a special measure's id) that took away what this step found: an option found eligible
   * and then excluded ("only individual") stays in the trace, marked as removed.
   */
  removedBy?: string;
}

export interface Caveat {
  fact: string;
  evidence: "unverified";
  /** In English (`msg` rendered). */
  message: string;
  msg: Msg;
}

export interface LicenceOptionDetail {
  id: string;
  name: string;
  evidence: FactRef["evidence"];
  conditions?: string | undefined;
  validity?: string | undefined;
  /** The same in months, where the pack states it as a number: an approval's default and bound. */
  validityMonths?: number | undefined;
  reviewDays?: number | undefined;
  documents?: number | undefined;
  /** The pack's texts of `name`, `conditions` (each part) and `validity`, with their renderings. */
  text: { name: PackText; conditions?: PackText[] | undefined; validity?: PackText | undefined };
}

export interface Decision {
  id: string;
  outcome: Outcome;
  basis: Basis;
  licenceOptions: string[];
  /** Licence types that may be usable but rest on an unverified fact: flagged possibilities, never established. */
  unverifiedLicenceOptions: string[];
  licenceDetails: LicenceOptionDetail[];
  exemptions: string[];
  classification: {
    controlNumber: string | null;
    part: string | null;
    entry: string | null;
    listed: boolean;
  };
  trace: TraceStep[];
  caveats: Caveat[];
  /** For an `undetermined` line: what the pack lacks that decides the answer, and what to check. */
  missing?: string[];
  /** `missing` as messages, in the same order. */
  missingMsg?: Msg[];
  /**
   * Server only, for an organisation that holds licences: the active licences that cover this line, least
   * burdensome first, with their remaining balance; empty = no covering licence.
   */
  coveringLicences?: {
    licenceId: string;
    number: string;
    type: string;
    line: number;
    remainingQuantity: number | null;
    remainingValue: number | null;
  }[];
}

export interface CheckResult {
  regime: string;
  date: string;
  destination: string;
  destinationGroups: string[];
  policyVersion: string;
  decisions: Decision[];
}
