// List entries keep only web links: a `javascript:` (or other non-http) URL is refused at import, the entry
// kept with a note.
import { describe, expect, it } from "vitest";
import { importList } from "../../../src/screen/formats/index.ts";

describe("entry URLs at import", () => {
  it("keeps http(s) links and refuses the others", async () => {
    const csv = [
      "id,name,type,country,url",
      "A,Alpha Example Trading,entity,CN,https://example.org/a",
      "B,Beta Example Trading,entity,CN,javascript:alert(document.cookie)",
      "C,Gamma Example Trading,entity,CN,vbscript:msgbox(1)",
    ].join("\n");
    const r = await importList("csv", { main: csv }, { listId: "urls" });
    const by = Object.fromEntries(r.entities.map((e) => [e.sourceId, e]));
    expect(by.A!.url).toBe("https://example.org/a");
    expect(by.B!.url).toBeUndefined();
    expect(by.B!.remarks).toContain("link refused at import");
    expect(by.C!.url).toBeUndefined();
    expect(r.entities).toHaveLength(3);
  });
});
