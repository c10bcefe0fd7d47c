// Tampering with the audit records is found: newest entries deleted (the head), a ledger row edited or
// deleted (its hash in the chain), the chain rewritten with recomputed hashes (signed checkpoints, stored and
// kept by the auditor), a whole chain deleted (the kept checkpoint); and an export verifies offline with the
// public key the auditor holds. On both databases.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { entryHash, GENESIS } from "../../src/permits/audit.ts";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const licence = {
  regime: "JP",
  type: "special-general-bulk",
  number: "SGB-AUD-1",
  holder: "Exporter K.K.",
  destinations: ["KR"],
  lines: [
    {
      controlNumber: "3C002.a.1",
      description: "resist",
      quantityLimit: 100,
      valueLimit: null,
      unit: "kg",
      currency: "JPY",
    },
  ],
  validFrom: "2023-07-21",
  validUntil: "2027-07-20",
};
const draw = (ref: string) => ({
  line: 1,
  quantity: 2.5,
  value: 100,
  shipmentRef: ref,
  shipmentDate: "2024-01-10",
  destination: "KR",
});

for (const backend of backends)
  describe(`audit tampering on ${backend.name}`, () => {
    let w: World | undefined;
    afterEach(async () => {
      await w?.close();
      w = undefined;
    });
    const call = (method: string, url: string, key: string, body?: unknown) =>
      w!.app.inject({
        method: method as "GET",
        url,
        headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const verify = async (kept?: unknown[]) =>
      (kept
        ? await call("POST", "/v1/audit/verify", w!.keys.auditor, { checkpoints: kept })
        : await call("GET", "/v1/audit/verify", w!.keys.auditor)
      ).json();
    /** A world with a licence, two drawdowns and a correction: a chain of several entries. */
    const world = async () => {
      w = await makeWorld(backend);
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence)).json().id;
      const a = (await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, draw("A"))).json();
      await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, draw("B"));
      await call("POST", `/v1/licences/${id}/corrections`, w.keys.exporter, {
        corrects: a.id,
        note: "cancelled",
      });
      expect((await verify()).valid).toBe(true);
      return id as string;
    };
    const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      w!.database.raw<T>(text, params);

    it("finds the newest entries deleted", async () => {
      await world();
      await sql(
        "delete from audit_log where org_id = $1 and seq = (select max(seq) from audit_log where org_id = $1)",
        [w!.orgId],
      );
      const v = await verify();
      expect(v.valid).toBe(false);
      expect(v.findings.map((f: { what: string }) => f.what)).toContain("head");
    });

    it("finds a ledger row edited or deleted", async () => {
      await world();
      await sql("update usage_entries set quantity = 1 where shipment_ref = 'B'");
      let v = await verify();
      expect(v.findings).toEqual([
        expect.objectContaining({ what: "ledger", reason: expect.stringContaining("differs") }),
      ]);
      await sql("delete from usage_entries where shipment_ref = 'B'");
      v = await verify();
      expect(v.findings).toEqual([
        expect.objectContaining({ what: "ledger", reason: expect.stringContaining("gone") }),
      ]);
    });

    it("finds the chain rewritten with recomputed hashes, by the stored and the kept checkpoints", async () => {
      await world();
      const kept = (await call("POST", "/v1/audit/checkpoints", w!.keys.auditor)).json();
      expect(kept.signature).toBeTruthy();
      // Rewrite: change a payload and recompute every hash, and the head, as an attacker with the database would.
      const rows = await sql<{
        id: string;
        seq: number;
        user_id: string | null;
        at: Date;
        action: string;
        object_type: string;
        object_id: string;
        policy_version: string | null;
        payload: unknown;
      }>("select * from audit_log where org_id = $1 order by seq", [w!.orgId]);
      let prev = GENESIS;
      for (const r of rows) {
        const payload = r.seq === 1 ? { ...(r.payload as object), forged: true } : r.payload;
        const content = {
          seq: r.seq,
          userId: r.user_id,
          at: new Date(r.at).toISOString(),
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          policyVersion: r.policy_version,
          payload,
        };
        const hash = entryHash(prev, content);
        await sql("update audit_log set payload = $2, prev_hash = $3, hash = $4 where id = $1", [
          r.id,
          JSON.stringify(payload),
          prev,
          hash,
        ]);
        prev = hash;
      }
      await sql("update audit_heads set hash = $2 where org_id = $1", [w!.orgId, prev]);
      let v = await verify();
      expect(v.findings.map((f: { what: string }) => f.what)).toEqual(["checkpoint"]);
      expect(v.findings[0].reason).toContain("rewritten");
      // The stored checkpoints deleted too: the chain looks whole, but not against the auditor's kept one.
      await sql("delete from audit_checkpoints where org_id = $1", [w!.orgId]);
      expect((await verify()).valid).toBe(true);
      v = await verify([kept]);
      expect(v.valid).toBe(false);
      // Offline: the export with the key the auditor holds and the checkpoint they kept.
      const dir = mkdtempSync(join(tmpdir(), "tradectl-audit-"));
      const exp = (await call("GET", "/v1/audit/export", w!.keys.auditor)).json();
      writeFileSync(join(dir, "export.json"), JSON.stringify(exp));
      writeFileSync(join(dir, "key.pem"), exp.publicKeys[0].publicKey);
      writeFileSync(join(dir, "kept.jsonl"), `${JSON.stringify(kept)}\n`);
      let out = "";
      let err = "";
      const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s), stdin: () => "" };
      const args = ["audit", "verify-export", join(dir, "export.json"), "--public-key", join(dir, "key.pem")];
      expect(await run(args, io)).toBe(0);
      expect(out).toContain("verified offline");
      expect(await run([...args, "--kept", join(dir, "kept.jsonl")], io)).toBe(3);
      expect(err).toContain("rewritten");
      // A file that is not an export, or a key that is not a key: bad input (exit 2), named.
      writeFileSync(join(dir, "junk.json"), "{nope");
      expect(
        await run(
          ["audit", "verify-export", join(dir, "junk.json"), "--public-key", join(dir, "key.pem")],
          io,
        ),
      ).toBe(2);
      expect(await run([...args.slice(0, 3), "--public-key", join(dir, "export.json")], io)).toBe(2);
      expect(err).toContain("not a public key");
    });

    it("finds a whole chain deleted, by the kept checkpoint", async () => {
      await world();
      const kept = (await call("POST", "/v1/audit/checkpoints", w!.keys.auditor)).json();
      for (const t of ["audit_checkpoints", "audit_log", "audit_heads"])
        await sql(`delete from ${t} where org_id = $1`, [w!.orgId]);
      await sql("delete from usage_entries");
      const v = await verify([kept]);
      expect(v.valid).toBe(false);
      expect(JSON.stringify(v.findings)).toContain("is gone");
      // A checkpoint not signed by this server's key is not trusted.
      const forged = { ...kept, signature: Buffer.alloc(64).toString("base64") };
      expect(
        (await verify([forged])).findings.some((f: { reason: string }) =>
          f.reason.includes("does not verify"),
        ),
      ).toBe(true);
    });
  });
