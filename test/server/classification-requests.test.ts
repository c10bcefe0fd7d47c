// Classification requests (전문판정 / 該非判定 consultation): an exporter asks, the regime's authority returns it
// or answers with the entry, the reasons and the pack's validity (Korea: two years), and the product master takes
// the answer; other organisations and other authorities see nothing; bad input stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/permits/workflow.ts";
import { todayIn } from "../../src/policy/index.ts";
import { auth, backends, makeWorld, type World } from "./harness.ts";

for (const backend of backends)
  describe(`classification requests (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend, { rateLimit: false });
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (key: string, method: "GET" | "POST", url: string, body?: unknown) =>
      w.app.inject({
        method,
        url,
        headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const seoul = () => todayIn("Asia/Seoul");

    it("goes from the exporter's question to the authority's answer, which the product master takes", async () => {
      const productId = (
        await call(w.keys.exporter, "POST", "/v1/products", {
          code: "CR-RES-1",
          name: "ArF 포토레지스트",
          hsCode: "370790",
          parameters: [{ name: "wavelength", value: "193nm" }],
        })
      ).json().id as string;
      const asked = await call(w.keys.exporter, "POST", "/v1/classification-requests", {
        productId,
        regime: "KR",
        description: "193 nm 노광용 포지티브 레지스트, 반도체 제조용",
        proposedNumber: "3C002.a",
      });
      expect(asked.statusCode).toBe(201);
      const { id, requestedOn, dueOn } = asked.json();
      expect(requestedOn).toBe(seoul());
      expect(dueOn).toBe(addDays(requestedOn, 15));

      // scoped: another organisation and another regime's authority do not see it
      expect((await call(w.keys.otherOrg, "GET", `/v1/classification-requests/${id}`)).statusCode).toBe(404);
      expect((await call(w.keys.officer, "GET", `/v1/classification-requests/${id}`)).statusCode).toBe(404);
      const jpQueue = (await call(w.keys.officer, "GET", "/v1/classification-requests")).json();
      expect(jpQueue.items.map((r: { id: string }) => r.id)).not.toContain(id);
      const queue = (
        await call(w.keys.krOfficer, "GET", "/v1/classification-requests?q=포토레지스트")
      ).json();
      expect(queue.total).toBe(1);
      expect(queue.items[0]).toMatchObject({ id, status: "submitted", overdue: false });
      expect(queue.items[0].product).toMatchObject({ code: "CR-RES-1", hsCode: "370790" });
      expect(typeof queue.items[0].applicant).toBe("string");
      // the authority's officers are told, in the bell
      const told = (await call(w.keys.krOfficer, "GET", "/v1/notifications?limit=50")).json();
      expect(told.items).toContainEqual(
        expect.objectContaining({
          kind: "classification.submit",
          classificationRequestId: id,
          params: expect.objectContaining({ product: "CR-RES-1 ArF 포토레지스트" }),
        }),
      );
      const detail = (await call(w.keys.krOfficer, "GET", `/v1/classification-requests/${id}`)).json();
      expect(detail.procedure).toMatchObject({ procedure: "전문판정", decisionDays: 15 });

      // only the authority answers; the exporter cannot
      const byExporter = await call(w.keys.exporter, "POST", `/v1/classification-requests/${id}/answer`, {
        controlNumber: "3C002.a.1",
        reasons: "x",
      });
      expect(byExporter.statusCode).toBe(403);

      // returned for more information, then resubmitted with it
      const returned = await call(w.keys.krOfficer, "POST", `/v1/classification-requests/${id}/return`, {
        note: "노광 파장과 용도를 확인할 자료를 첨부해 주십시오",
      });
      expect(returned.json()).toMatchObject({ status: "returned" });
      expect(
        (
          await call(w.keys.krOfficer, "POST", `/v1/classification-requests/${id}/answer`, {
            controlNumber: "3C002.a.1",
            reasons: "x",
          })
        ).statusCode,
      ).toBe(409);
      const again = await call(w.keys.exporter, "POST", `/v1/classification-requests/${id}/resubmit`, {
        description: "193 nm ArF 노광용 포지티브 레지스트 (사양서 첨부)",
      });
      expect(again.json()).toMatchObject({ status: "submitted" });

      // answered: the entry, the reasons and two years' validity; the product master takes it
      const answer = await call(w.keys.krOfficer, "POST", `/v1/classification-requests/${id}/answer`, {
        controlNumber: "3C002.a.1",
        reasons: "245 nm 미만 파장용 포지티브 레지스트로 3C002.a.1에 해당",
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ status: "answered", validUntil: addDays(seoul(), 730) });
      const answered = (await call(w.keys.exporter, "GET", "/v1/notifications?limit=50")).json();
      expect(answered.items.map((n: { kind: string }) => n.kind)).toEqual(
        expect.arrayContaining(["classification.return", "classification.answer"]),
      );
      const product = (await call(w.keys.exporter, "GET", `/v1/products/${productId}`)).json();
      expect(product.classifications[0]).toMatchObject({
        regime: "KR",
        controlNumber: "3C002.a.1",
        kind: "authority",
        requestId: id,
        validUntil: addDays(seoul(), 730),
      });
      expect(product.classifications[0].classifiedBy).toContain("전문판정");
      const mine = (await call(w.keys.exporter, "GET", `/v1/classification-requests/${id}`)).json();
      expect(mine).toMatchObject({ status: "answered", controlNumber: "3C002.a.1" });
      expect(mine.history.map((h: { action: string }) => h.action)).toEqual([
        "submit",
        "return",
        "resubmit",
        "answer",
      ]);
      const check = await call(w.keys.exporter, "POST", "/v1/checks", {
        regime: "KR",
        date: seoul(),
        destination: "CN",
        items: [{ id: "1", productId: "CR-RES-1" }],
      });
      expect(check.statusCode).toBe(200);
      expect(JSON.stringify(check.json())).toContain("3C002.a.1");
      // a second answer is refused
      expect(
        (
          await call(w.keys.krOfficer, "POST", `/v1/classification-requests/${id}/answer`, {
            controlNumber: null,
            reasons: "x",
          })
        ).statusCode,
      ).toBe(409);
      const audit = (await call(w.keys.admin, "GET", "/v1/audit?limit=200")).json();
      const steps = (audit.items as { action: string; objectId: string }[])
        .filter((e) => e.objectId === id)
        .map((e) => e.action)
        .sort();
      expect(steps).toEqual([
        "classification-request.answer",
        "classification-request.resubmit",
        "classification-request.return",
        "classification-request.submit",
      ]);
    });

    it("Japan's consultation has no decision term; withdrawing takes it off the queue", async () => {
      const productId = (
        await call(w.keys.exporter, "POST", "/v1/products", { code: "CR-JP-1", name: "フッ化水素" })
      ).json().id as string;
      const asked = await call(w.keys.exporter, "POST", "/v1/classification-requests", {
        productId,
        regime: "JP",
        description: "純度99.9%のフッ化水素",
      });
      expect(asked.statusCode).toBe(201);
      expect(asked.json().dueOn).toBeNull();
      const id = asked.json().id as string;
      expect((await call(w.keys.officer, "GET", `/v1/classification-requests/${id}`)).statusCode).toBe(200);
      const gone = await call(w.keys.exporter, "POST", `/v1/classification-requests/${id}/withdraw`, {});
      expect(gone.json()).toMatchObject({ status: "withdrawn" });
      expect((await call(w.keys.officer, "GET", `/v1/classification-requests/${id}`)).statusCode).toBe(404);
    });

    it("refuses bad input with the field named, and stores nothing", async () => {
      const productId = (
        await call(w.keys.exporter, "POST", "/v1/products", { code: "CR-BAD", name: "x" })
      ).json().id as string;
      const bad = async (body: unknown, status: number, path?: string) => {
        const r = await call(w.keys.exporter, "POST", "/v1/classification-requests", body);
        expect(r.statusCode, JSON.stringify(body)).toBe(status);
        if (path) expect(JSON.stringify(r.json())).toContain(path);
      };
      await bad({ productId, regime: "XX", description: "x" }, 400, "regime");
      await bad({ productId, regime: "KR", description: "" }, 400, "description");
      await bad(
        { productId, regime: "KR", description: "x", proposedNumber: "not a number!" },
        400,
        "proposedNumber",
      );
      await bad({ productId: "00000000-0000-4000-8000-000000000000", regime: "KR", description: "x" }, 404);
      await bad({ productId, regime: "KR", description: "x", extra: 1 }, 400);
      const mine = (await call(w.keys.exporter, "GET", "/v1/classification-requests?q=CR-BAD")).json();
      expect(mine.total).toBe(0);
    });
  });
