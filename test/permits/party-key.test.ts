import { describe, expect, it } from "vitest";
import { isPermittedParty, partyKey, sameParty } from "../../src/permits/party-key.ts";

describe("party names in the ledger", () => {
  it("reads case, dots, commas, spacing and width alike", () => {
    expect(sameParty("SK Hynix Inc", "SK hynix Inc.")).toBe(true);
    expect(sameParty("Tokyo Electron Co., Ltd.", "TOKYO  ELECTRON CO LTD")).toBe(true);
    expect(sameParty("ＳＫ　Ｈｙｎｉｘ　Ｉｎｃ", "SK Hynix Inc")).toBe(true);
    expect(sameParty("Société Générale S.A.", "Societe Generale SA")).toBe(true);
  });

  it("reads a legal form as its code, written out or abbreviated", () => {
    expect(sameParty("Acme Incorporated", "ACME Inc.")).toBe(true);
    expect(sameParty("Acme Limited", "Acme Ltd")).toBe(true);
    expect(sameParty("(주)삼성전자", "삼성전자 주식회사")).toBe(true);
    expect(sameParty("㈜삼성전자", "삼성전자주식회사")).toBe(true);
    expect(sameParty("株式会社東芝", "東芝株式会社")).toBe(true);
  });

  it("keeps different names and different legal forms apart", () => {
    expect(sameParty("Acme Inc", "Acme Corp")).toBe(false);
    expect(sameParty("SK Hynix Inc", "SK Hynix America Inc")).toBe(false);
    expect(sameParty("삼성전자", "삼성전기")).toBe(false);
    expect(sameParty("Acme Inc", "Acme")).toBe(false);
    expect(partyKey("SK hynix Inc.")).toBe("sk hynix <inc>");
  });

  it("finds a name among the permitted parties by its key", () => {
    expect(isPermittedParty("sk hynix inc.", ["SK Hynix Inc", "Samsung Electronics Co., Ltd."])).toBe(true);
    expect(
      isPermittedParty("Samsung Electronics Co Ltd", ["SK Hynix Inc", "Samsung Electronics Co., Ltd."]),
    ).toBe(true);
    expect(isPermittedParty("LG Display", ["SK Hynix Inc"])).toBe(false);
  });
});
