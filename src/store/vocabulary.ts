/** The stored vocabularies: roles, application, licence and classification-request states (plain constants, no database). */
export const roles = ["exporter", "officer", "auditor", "admin"] as const;
export type Role = (typeof roles)[number];

export const applicationStates = [
  "draft",
  "submitted",
  "under-review",
  "returned-for-changes",
  "approved",
  "denied",
  "withdrawn",
] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const licenceStates = ["active", "suspended", "revoked", "expired", "exhausted"] as const;
export type LicenceState = (typeof licenceStates)[number];

export const classificationRequestStates = ["submitted", "returned", "answered", "withdrawn"] as const;
export type ClassificationRequestState = (typeof classificationRequestStates)[number];
