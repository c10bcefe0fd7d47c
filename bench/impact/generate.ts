/**
 * Benchmark input for bench/impact: N shipment lines as CSV (the impact command's columns, with end-use
 * facts), from the determination benchmark's seeded generator (bench/determine/generate.ts: Japanese-regime
 * shipments across 2017–2026 and 14 destinations), plus a customer per shipment. Same seed, same file.
 */
import { createWriteStream } from "node:fs";
import { generate, mulberry32 } from "../determine/generate.ts";

export const CSV_COLUMNS = [
  "id",
  "date",
  "destination",
  "customer",
  "controlNumber",
  "hsCode",
  "value",
  "currency",
  "quantity",
  "wmd",
  "military",
  "informed",
  "endUserListed",
] as const;

/** Write `lines` generated lines to `file`; resolves to the number of lines and bytes written. */
export async function writeBenchCsv(
  file: string,
  lines: number,
  seed: number,
): Promise<{ lines: number; bytes: number }> {
  const { shipments } = generate(lines, seed);
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  const out = createWriteStream(file, { encoding: "utf8" });
  let bytes = 0;
  let buf: string[] = [CSV_COLUMNS.join(",")];
  let n = 0;
  const flush = async () => {
    const text = `${buf.join("\n")}\n`;
    buf = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  for (const [i, s] of shipments.entries()) {
    const customer = `Customer ${String(Math.floor(rnd() * 500) + 1).padStart(3, "0")}`;
    for (const it of s.items) {
      n++;
      buf.push(
        [
          `S${i + 1}-${it.id}`,
          s.date,
          s.destination,
          customer,
          it.controlNumber ?? "",
          it.hsCode ?? "",
          it.value ?? "",
          it.currency ?? "",
          it.quantity ?? "",
          s.endUse.wmd === "none" ? "" : s.endUse.wmd,
          s.endUse.military === "none" ? "" : s.endUse.military,
          s.endUse.informed.join(";"),
          s.endUse.endUserListed ? "true" : "",
        ].join(","),
      );
      if (buf.length >= 10_000) await flush();
    }
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { lines: n, bytes };
}

const invoked =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invoked) {
  const [file, lines, seed] = process.argv.slice(2);
  if (!file || !lines) throw new Error("usage: tsx bench/impact/generate.ts FILE LINES [SEED]");
  const made = await writeBenchCsv(file, Number(lines), Number(seed ?? 20250701));
  process.stdout.write(JSON.stringify(made));
}
