// Recorded checks as what-if lines: a technology transfer, brokering or transit keeps its kind and facts (and a
// brokering's or transit's destination comes from its facts), so the what-if decides it as that kind.
import { describe, expect, it } from "vitest";
import { linesOfShipment } from "../../src/app/records-impact.ts";
import { toLine } from "../../src/impact/input.ts";

const ctx = {
  regime: "KR",
  redFlags: new Set<string>(),
  recipients: new Set(["foreign-national", "korean-national"]),
};

describe("recorded checks as what-if lines", () => {
  it("keeps a transit's kind, origin and final destination", () => {
    const [row] = linesOfShipment(
      {
        regime: "KR",
        kind: "transit",
        date: "2025-03-01",
        transit: { origin: "CN", finalDestination: "IR" },
        endUse: { wmd: "suspected" },
        items: [{ id: "1", hsCode: "847989" }],
      },
      "check:abc",
    );
    expect(row).toMatchObject({ kind: "transit", origin: "CN", destination: "IR", wmd: "suspected" });
    const line = toLine(row!, 1, ctx);
    expect(line.ok && line.line.transaction).toEqual({
      kind: "transit",
      transit: { origin: "CN", finalDestination: "IR" },
    });
  });

  it("keeps a technology transfer's recipient, place, means and stated exemption; a goods check stays goods", () => {
    const [row] = linesOfShipment(
      {
        regime: "KR",
        kind: "technology",
        date: "2025-03-01",
        destination: "US",
        technology: {
          recipient: "foreign-national",
          place: "abroad",
          means: "email",
          exemption: "public-domain",
        },
        items: [{ id: "1", controlNumber: "3E001" }],
      },
      "check:def",
    );
    const line = toLine(row!, 1, ctx);
    expect(line.ok && line.line.transaction?.technology).toEqual({
      recipient: "foreign-national",
      place: "abroad",
      means: "email",
      exemption: "public-domain",
    });
    const [goods] = linesOfShipment(
      { regime: "KR", date: "2025-03-01", destination: "US", items: [{ controlNumber: "3A001.a.1" }] },
      "check:ghi",
    );
    expect(goods!.kind).toBeUndefined();
    const g = toLine(goods!, 1, ctx);
    expect(g.ok && g.line.transaction).toBeUndefined();
  });
});
