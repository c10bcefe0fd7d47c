/**
 * The words of transactions that are not a goods export, as the shipment contract, the packs' transaction rules,
 * applications and impact inputs all use them: the kinds, where a technology is provided, by which means, and
 * the exemptions an exporter may state. One list each, so that the schemas cannot drift apart.
 */
export const TRANSACTION_KINDS = ["goods", "technology", "brokering", "transit"] as const;
export const TECHNOLOGY_PLACES = ["domestic", "abroad"] as const;
export const TECHNOLOGY_MEANS = [
  "email",
  "download",
  "training",
  "documents",
  "oral",
  "media",
  "other",
] as const;
export const TECHNOLOGY_EXEMPTIONS = [
  "public-domain",
  "basic-research",
  "patent-minimum",
  "minimum-for-use",
] as const;
/** The flat fields (CSV columns, CLI options) that carry a transaction's facts beside `destination`. */
export const TRANSACTION_FIELDS = [
  "kind",
  "recipient",
  "place",
  "means",
  "exemption",
  "origin",
  "exportLicence",
] as const;

export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
export type TechnologyPlace = (typeof TECHNOLOGY_PLACES)[number];
export type TechnologyMeans = (typeof TECHNOLOGY_MEANS)[number];
export type TechnologyExemption = (typeof TECHNOLOGY_EXEMPTIONS)[number];

/** A technology transfer: to whom (a recipient category of the regime), where, and how. */
export interface TechnologyFacts {
  recipient: string;
  place: TechnologyPlace;
  means: TechnologyMeans;
  /** The exemption the exporter states applies (the pack decides whether the law gives it). */
  exemption?: TechnologyExemption | undefined;
}

/** A brokering between two foreign countries: where the goods come from and go to. */
export interface BrokeringFacts {
  origin: string;
  destination: string;
  /** The exporting country licensed the export. */
  exportLicence: boolean;
}

/** Goods passing through the regime's country: where they come from and their final destination. */
export interface TransitFacts {
  origin: string;
  finalDestination: string;
}

/** A shipment's kind and the facts of that kind (absent: a goods export). */
export interface TransactionFacts {
  kind?: TransactionKind | undefined;
  technology?: TechnologyFacts | undefined;
  brokering?: BrokeringFacts | undefined;
  transit?: TransitFacts | undefined;
}

/** The flat form of a transaction's facts (CSV columns, CLI options, form fields), beside the destination. */
export interface FlatTransaction {
  kind?: string | undefined;
  recipient?: string | undefined;
  place?: string | undefined;
  means?: string | undefined;
  exemption?: string | undefined;
  origin?: string | undefined;
  exportLicence?: boolean | undefined;
}

/**
 * The kind and facts from their flat form, `destination` being the recipient's country (technology) or where
 * the goods finally go (brokering, transit). Nothing is checked here: the values go as given into the shipment
 * contract (or were checked by the caller), which names what is wrong. A goods export (or no kind) has no facts.
 */
export function transactionOf(f: FlatTransaction, destination: string): TransactionFacts {
  const origin = f.origin ?? "";
  switch (f.kind) {
    case "technology":
      return {
        kind: "technology",
        technology: {
          recipient: f.recipient ?? "",
          place: f.place as TechnologyPlace,
          means: f.means as TechnologyMeans,
          ...(f.exemption ? { exemption: f.exemption as TechnologyExemption } : {}),
        },
      };
    case "brokering":
      return {
        kind: "brokering",
        brokering: { origin, destination, exportLicence: f.exportLicence ?? false },
      };
    case "transit":
      return { kind: "transit", transit: { origin, finalDestination: destination } };
    default:
      return f.kind === undefined ? {} : { kind: f.kind as TransactionKind };
  }
}
