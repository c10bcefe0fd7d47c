/** A licence and an application to print, shared by the API and the browser tests of the documents. */
export const licence = (number: string, lines = 1, holder = "Exporter K.K.") => ({
  regime: "JP",
  type: "special-general-bulk",
  number,
  holder,
  destinations: ["KR", "US"],
  permittedParties: ["Korea Chip Co."],
  lines: Array.from({ length: lines }, (_, i) => ({
    controlNumber: "3C002.a.1",
    description: `ArF resist, grade ${i + 1}`,
    quantityLimit: 12.5,
    valueLimit: 100_000_000,
    unit: "kg",
    currency: "JPY",
  })),
  validFrom: "2023-07-21",
  validUntil: "2027-07-20",
  conditions: "report each shipment",
});

export const application = {
  regime: "JP",
  licenceType: "individual",
  destination: "CN",
  shipmentDate: "2024-03-15",
  consignee: { name: "Shanghai Etch Ltd.", country: "CN", address: "Pudong, Shanghai" },
  endUser: { name: "Wuxi Fab Co.", country: "CN" },
  endUseStatement: "photoresist stripping in a 300 mm fab",
  lines: [
    ["1C350", "hydrogen fluoride", 250],
    ["3C002.a.1", "ArF resist", 40],
  ].map(([cn, d, q]) => ({
    controlNumber: cn as string,
    description: d as string,
    quantity: q as number,
    unit: "kg",
    value: (q as number) * 9000,
    currency: "JPY",
  })),
  documents: [{ name: "end-use-statement.pdf", kind: "end-use statement" }],
};
