/** `tradectl classify` and `GET /v1/control-list/search`: the example queries, with the parametric check. */
import { describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { backends, makeWorld } from "../server/harness.ts";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  return { code: await run(args, io), out, err };
}

describe("tradectl classify", () => {
  it.each([
    ["hydrogen fluoride", "1C350"],
    ["불화수소", "1C350"],
    ["フッ化水素", "1C350"],
    ["polyimide fluorine", "1C009.b"],
  ])("finds %s under %s first", async (text, number) => {
    const r = await cli("classify", text, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].entry.number.startsWith(number)).toBe(true);
  });
  it("checks parameters: resist at 193 nm on 2019-06-01 meets 3C002.a.1; HF at 20 wt% does not meet", async () => {
    const resist = JSON.parse(
      (
        await cli(
          "classify",
          "photoresist",
          "--param",
          "wavelength=193nm",
          "--date",
          "2019-06-01",
          "--regime",
          "JP",
          "--json",
        )
      ).out,
    );
    expect(resist.results[0].entry.number).toBe("3C002.a.1");
    expect(resist.results[0].check.result).toBe("meets");
    const hf = JSON.parse(
      (
        await cli(
          "classify",
          "--cas",
          "7664-39-3",
          "--param",
          "hydrogen fluoride content=20wt%",
          "--regime",
          "JP",
          "--json",
        )
      ).out,
    );
    expect(hf.results[0].regimeNumbering.jp).toBe("3(1)");
    expect(hf.results[0].check.result).toBe("does-not-meet");
  });
  it("refuses an empty query and a bad parameter with exit 2", async () => {
    expect((await cli("classify")).code).toBe(2);
    expect((await cli("classify", "resist", "--param", "nonsense")).err).toContain("is not name=value");
    expect((await cli("classify", "resist", "--regime", "EU")).code).toBe(2);
  });
});

describe("GET /v1/control-list/search", () => {
  it("answers the same queries over HTTP, with reasons and numbering", async () => {
    const w = await makeWorld(backends[0]!);
    try {
      const r = await w.app.inject(
        "/v1/control-list/search?q=%EB%B6%88%ED%99%94%EC%88%98%EC%86%8C&regime=KR",
      );
      expect(r.statusCode).toBe(200);
      const hit = r.json().results[0];
      expect(hit.entry.number.startsWith("1C350")).toBe(true);
      expect(hit.why.length).toBeGreaterThan(0);
      expect(
        (await w.app.inject("/v1/control-list/search?hs=281111"))
          .json()
          .results[0].entry.number.startsWith("1C350"),
      ).toBe(true);
      expect((await w.app.inject("/v1/control-list/search")).statusCode).toBe(400);
      expect((await w.app.inject("/v1/control-list/search?q=x&date=2019-02-30")).statusCode).toBe(400);
    } finally {
      await w.close();
    }
  }, 60_000);
});
