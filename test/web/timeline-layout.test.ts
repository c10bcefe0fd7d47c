import { describe, expect, it } from "vitest";
import { labelRoom } from "../../web/src/timeline-layout.ts";

describe("timeline labels", () => {
  it("lets a band's label run only to the next band that starts inside it", () => {
    // Japan's 2019-07-04 measure (to 2023-03-23) and its 2019-12-20 measure (to 2023-03-23) on Korea
    expect(
      labelRoom([
        { start: 20, end: 62 },
        { start: 25, end: 62 },
      ]),
    ).toEqual([5, 37]);
  });

  it("gives a band its whole width when nothing starts inside it, and none to the second of two that start together", () => {
    expect(
      labelRoom([
        { start: 10, end: 20 },
        { start: 30, end: 40 },
      ]),
    ).toEqual([10, 10]);
    expect(
      labelRoom([
        { start: 10, end: 20 },
        { start: 10, end: 30 },
      ]),
    ).toEqual([10, 0]);
    // a band that started earlier and ends inside another does not limit the later one
    expect(
      labelRoom([
        { start: 30, end: 50 },
        { start: 10, end: 40 },
      ]),
    ).toEqual([20, 20]);
  });
});
