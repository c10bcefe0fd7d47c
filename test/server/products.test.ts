/** The product master: classifications per regime (Korea's valid 2 years), and checks naming a product id. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, makeWorld, type World } from "./harness.ts";

for (const backend of backends) {
  describe(`products on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (method: "GET" | "POST", url: string, body?: unknown, key = w.keys.exporter) =>
      w.app.inject({
        method,
        url,
        headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });

    it("classifies a product per regime and checks shipments that name it", async () => {
      const id = (
        await call("POST", "/v1/products", {
          code: "RES-193",
          name: "ArF photoresist",
          hsCode: "370790",
          parameters: [{ name: "wavelength", value: "193nm" }],
        })
      ).json().id;
      expect((await call("POST", "/v1/products", { code: "RES-193", name: "dup" })).statusCode).toBe(409);
      expect(
        (
          await call("POST", `/v1/products/${id}/classifications`, {
            regime: "JP",
            controlNumber: "7(19)",
            basis: "該非判定書 2019-05",
            classifiedBy: "compliance office",
            classifiedOn: "2019-05-01",
          })
        ).statusCode,
      ).toBe(201);
      const kr = (
        await call("POST", `/v1/products/${id}/classifications`, {
          regime: "KR",
          controlNumber: "3C002.a.1",
          basis: "전문판정 (KOSTI)",
          classifiedBy: "KOSTI",
          classifiedOn: "2021-03-01",
        })
      ).json();
      expect(kr.validUntil).toBe("2023-03-01");
      const jp = (
        await call("POST", "/v1/checks", {
          regime: "JP",
          date: "2019-08-01",
          destination: "KR",
          items: [{ id: "1", productId: "RES-193" }],
        })
      ).json();
      expect(jp.decisions[0]).toMatchObject({
        outcome: "licence-required",
        basis: "special-measure",
        classification: { controlNumber: "7(19)" },
      });
      // The recorded input is the request as sent; what the product master filled in is beside it.
      expect(jp.productResolution).toEqual([
        expect.objectContaining({ path: "$.items[0]", productId: "RES-193", controlNumber: "7(19)" }),
      ]);
      const recorded = (await call("GET", `/v1/checks/${jp.id}`)).json();
      expect(recorded.input.items).toEqual([{ id: "1", productId: "RES-193" }]);
      // A regime that no pack defines is refused by its name.
      const bad = await call("POST", `/v1/products/${id}/classifications`, {
        regime: "EU",
        controlNumber: "3C002",
        basis: "self",
        classifiedBy: "x",
        classifiedOn: "2021-03-01",
      });
      expect(bad.statusCode).toBe(400);
      const ok = await call("POST", "/v1/checks", {
        regime: "KR",
        date: "2022-06-01",
        destination: "CN",
        items: [{ id: "1", productId: "RES-193" }],
      });
      expect(ok.json().decisions[0].classification.controlNumber).toBe("3C002.a.1");
      const expired = await call("POST", "/v1/checks", {
        regime: "KR",
        date: "2023-06-01",
        destination: "CN",
        items: [{ id: "1", productId: "RES-193" }],
      });
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toContain("expired on 2023-03-01");
      const before = await call("POST", "/v1/checks", {
        regime: "KR",
        date: "2020-06-01",
        destination: "CN",
        items: [{ id: "1", productId: "RES-193" }],
      });
      expect(before.statusCode).toBe(400);
      expect(before.body).toContain("has no KR classification on 2020-06-01");
      const unknown = await call("POST", "/v1/checks", {
        regime: "JP",
        date: "2019-08-01",
        destination: "KR",
        items: [{ id: "1", productId: "NOPE" }],
      });
      expect(unknown.json().errors[0]).toMatchObject({ path: "$.items[0].productId" });
      expect((await call("GET", `/v1/products/${id}`, undefined, w.keys.otherOrg)).statusCode).toBe(404);
      const other = await call(
        "POST",
        "/v1/checks",
        { regime: "JP", date: "2019-08-01", destination: "KR", items: [{ id: "1", productId: "RES-193" }] },
        w.keys.otherOrg,
      );
      expect(other.statusCode).toBe(400);
      expect(
        (
          await call("POST", `/v1/products/${id}/classifications`, {
            regime: "JP",
            controlNumber: "foo",
            basis: "x",
            classifiedBy: "x",
            classifiedOn: "2019-05-01",
          })
        ).statusCode,
      ).toBe(400);
    });
  });
}
