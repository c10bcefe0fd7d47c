/**
 * What the product master filled into a shipment's lines: the request is recorded as sent, and this list (one
 * element per line that named a product id) is recorded beside the result. Pure.
 */
export interface ProductResolution {
  path: string;
  productId: string;
  controlNumber: unknown;
  hsCode: unknown;
  description: unknown;
}

type Lines = { items?: Record<string, unknown>[] } | null;

/** The lines of `sent` that named a product id, with what `resolved` holds for them now. */
export function productResolution(sent: unknown, resolved: unknown): ProductResolution[] {
  const before = (sent as Lines)?.items ?? [];
  const after = (resolved as Lines)?.items ?? [];
  return before.flatMap((it, j) => {
    const productId = it?.["productId"];
    if (typeof productId !== "string") return [];
    const line = after[j] ?? {};
    return [
      {
        path: `$.items[${j}]`,
        productId,
        controlNumber: line["controlNumber"] ?? null,
        hsCode: line["hsCode"] ?? null,
        description: line["description"] ?? null,
      },
    ];
  });
}
