/** The determination engine (pure): shipment contract, item placement, decisions with legal trace. */
export { decide } from "./decide.ts";
export { decideShipment, decideTransaction } from "./transaction.ts";
export { check, type CheckOutcome } from "./check.ts";
export { parseShipment, shipmentSchema, type InputProblem, type ParseResult } from "./shipment.ts";
export { placeItem, normaliseControlNumber, controlNumberProblem } from "./classify-item.ts";
export type * from "./types.ts";
