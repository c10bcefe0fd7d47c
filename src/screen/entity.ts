/**
 * One entry of a restricted-party list, as every importer produces it and the matcher reads it. Plain data,
 * the same whatever the list's official format.
 */

export type EntityType = "person" | "entity" | "vessel" | "aircraft" | "unknown";

export interface EntityName {
  /** The name as the list gives it (original script and spelling). */
  name: string;
  /** primary = the listed name; alias = a.k.a./f.k.a.; weak = a "weak"/"low quality" alias by the list's own marking. */
  kind: "primary" | "alias" | "weak";
}

export interface EntityIdentifier {
  type: string;
  value: string;
  country?: string;
}

export interface ListEntity {
  /** Stable id within tradectl: `<list>:<the list's own id>`. */
  id: string;
  /** The list id (`csl`, `sdn`, `ofac-cons`, `un`, `dpl`, `eu`, `uk`, or a generic CSV list's id). */
  list: string;
  /** The list's own id for the entry (e.g. SDN ent_num, UN DATAID). */
  sourceId: string;
  type: EntityType;
  names: EntityName[];
  /** ISO 3166 alpha-2 codes where known (nationality, citizenship, address country). */
  countries: string[];
  addresses: string[];
  /** Dates of birth as given (YYYY, YYYY-MM or YYYY-MM-DD). */
  birthDates: string[];
  identifiers: EntityIdentifier[];
  programs: string[];
  /** A link to the entry or the list's own page. */
  url?: string;
  remarks?: string;
  /** `sha256:` of the entry's canonical content: changes when the list changes the entry. */
  version: string;
}

/** The result of importing one file: entities, and the records that were reported and skipped. */
export interface ImportResult {
  list: string;
  format: string;
  entities: ListEntity[];
  skipped: { record: string; reason: string }[];
  /** Date the file says it was published, when it says so. */
  published?: string;
}
