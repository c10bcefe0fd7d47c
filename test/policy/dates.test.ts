// Unit tests for the calendar-date helpers: legal dates are YYYY-MM-DD strings that no UTC conversion may move.
import { describe, expect, it } from "vitest";
import {
  dateProblem,
  dayAfter,
  dayBefore,
  inPeriod,
  isIsoDate,
  periodsOverlap,
  todayIn,
} from "../../src/policy/dates.ts";

describe("dateProblem", () => {
  it.each(["2024-02-29", "2000-02-29", "2019-02-28", "2019-12-31", "2019-01-01", "2023-07-21"])(
    "accepts the calendar date %s",
    (d) => {
      expect(dateProblem(d)).toBeNull();
      expect(isIsoDate(d)).toBe(true);
    },
  );

  it.each([
    ["2023-02-29", "not a leap year"],
    ["1900-02-29", "divisible by 100 but not by 400"],
    ["2019-02-30", "February never has 30 days"],
    ["2019-04-31", "April has 30 days"],
    ["2019-01-00", "day 0"],
    ["2019-01-32", "day 32"],
  ])("rejects %s (%s) as not a calendar date", (d) => {
    expect(dateProblem(d)).toMatch(/not a calendar date/);
    expect(dateProblem(d)).toContain(d);
    expect(isIsoDate(d)).toBe(false);
  });

  it.each(["2019-13-01", "2019-00-10"])("rejects %s for its month", (d) => {
    expect(dateProblem(d)).toMatch(/has no month/);
  });

  it.each(["yesterday", "2019-8-28", "2019/08/28", "20190828", "2019-08-28T00:00:00Z", " 2019-08-28", ""])(
    "rejects %j as not in the form YYYY-MM-DD",
    (d) => {
      expect(dateProblem(d)).toMatch(/not a date in the form YYYY-MM-DD/);
    },
  );

  it.each([undefined, null, 20190828, new Date("2019-08-28")])("rejects the non-string %j", (v) => {
    expect(dateProblem(v)).toBe("must be a date string YYYY-MM-DD");
  });
});

describe("inPeriod: [from, to) is half-open", () => {
  it("includes the first day", () => {
    expect(inPeriod("2019-08-28", "2019-08-28", "2023-07-21")).toBe(true);
  });
  it("excludes the day `to` itself", () => {
    expect(inPeriod("2023-07-21", "2019-08-28", "2023-07-21")).toBe(false);
  });
  it("includes the last day before `to`", () => {
    expect(inPeriod("2023-07-20", "2019-08-28", "2023-07-21")).toBe(true);
  });
  it("excludes the day before `from`", () => {
    expect(inPeriod("2019-08-27", "2019-08-28", "2023-07-21")).toBe(false);
  });
  it("an open period runs on for ever", () => {
    expect(inPeriod("2999-12-31", "2023-07-21", undefined)).toBe(true);
    expect(inPeriod("2023-07-20", "2023-07-21", undefined)).toBe(false);
  });
  it("compares across month and year boundaries as calendar dates", () => {
    expect(inPeriod("2019-12-31", "2019-01-01", "2020-01-01")).toBe(true);
    expect(inPeriod("2020-01-01", "2019-01-01", "2020-01-01")).toBe(false);
    expect(inPeriod("2019-10-01", "2019-09-30", "2019-10-02")).toBe(true);
  });
});

describe("periodsOverlap: half-open periods", () => {
  it("periods that meet end to start do not overlap (either order)", () => {
    expect(periodsOverlap("2017-02-22", "2019-08-28", "2019-08-28", undefined)).toBe(false);
    expect(periodsOverlap("2019-08-28", undefined, "2017-02-22", "2019-08-28")).toBe(false);
  });
  it("a one-day overlap is an overlap (either order)", () => {
    expect(periodsOverlap("2017-02-22", "2019-08-29", "2019-08-28", undefined)).toBe(true);
    expect(periodsOverlap("2019-08-28", undefined, "2017-02-22", "2019-08-29")).toBe(true);
  });
  it("two open periods always overlap", () => {
    expect(periodsOverlap("2017-01-01", undefined, "2030-01-01", undefined)).toBe(true);
  });
  it("disjoint periods with a gap do not overlap", () => {
    expect(periodsOverlap("2017-01-01", "2018-01-01", "2019-01-01", "2020-01-01")).toBe(false);
    expect(periodsOverlap("2019-01-01", "2020-01-01", "2017-01-01", "2018-01-01")).toBe(false);
  });
  it("a period inside another overlaps it", () => {
    expect(periodsOverlap("2017-01-01", "2020-01-01", "2018-01-01", "2018-06-01")).toBe(true);
    expect(periodsOverlap("2018-01-01", "2018-06-01", "2017-01-01", "2020-01-01")).toBe(true);
  });
  it("an open period overlaps a later closed one but not an earlier one ending at its start", () => {
    expect(periodsOverlap("2019-01-01", undefined, "2020-01-01", "2020-02-01")).toBe(true);
    expect(periodsOverlap("2019-01-01", undefined, "2018-01-01", "2019-01-01")).toBe(false);
  });
});

describe("dayBefore / dayAfter", () => {
  it.each([
    ["2019-08-28", "2019-08-27"],
    ["2019-09-01", "2019-08-31"],
    ["2019-05-01", "2019-04-30"],
    ["2019-03-01", "2019-02-28"],
    ["2024-03-01", "2024-02-29"],
    ["2000-03-01", "2000-02-29"],
    ["1900-03-01", "1900-02-28"],
    ["2020-01-01", "2019-12-31"],
    ["0001-01-01", "0000-12-31"],
  ])("dayBefore(%s) = %s", (d, before) => {
    expect(dayBefore(d)).toBe(before);
  });

  it.each([
    ["2019-08-27", "2019-08-28"],
    ["2019-08-31", "2019-09-01"],
    ["2019-04-30", "2019-05-01"],
    ["2019-02-28", "2019-03-01"],
    ["2024-02-28", "2024-02-29"],
    ["2024-02-29", "2024-03-01"],
    ["2019-12-31", "2020-01-01"],
    ["0999-12-31", "1000-01-01"],
  ])("dayAfter(%s) = %s", (d, after) => {
    expect(dayAfter(d)).toBe(after);
  });

  it("dayAfter and dayBefore are inverse over four years of days, and every result is a calendar date", () => {
    let d = "2019-01-01";
    for (let i = 0; i < 4 * 366; i++) {
      const next = dayAfter(d);
      expect(isIsoDate(next)).toBe(true);
      expect(next > d).toBe(true);
      expect(dayBefore(next)).toBe(d);
      d = next;
    }
    expect(d).toBe("2023-01-04");
  });
});

describe("todayIn: the legal date in the regime's time zone", () => {
  const now = new Date("2019-08-27T15:30:00Z");

  it("15:30 UTC on 2019-08-27 is already 2019-08-28 in Tokyo (UTC+9)", () => {
    expect(todayIn("Asia/Tokyo", now)).toBe("2019-08-28");
  });
  it("but still 2019-08-27 in UTC", () => {
    expect(todayIn("UTC", now)).toBe("2019-08-27");
  });
  it("and still 2019-08-27 in New York", () => {
    expect(todayIn("America/New_York", now)).toBe("2019-08-27");
  });
  it("midnight boundaries in Tokyo: 14:59:59Z is the old day, 15:00:00Z the new one", () => {
    expect(todayIn("Asia/Tokyo", new Date("2019-12-31T14:59:59Z"))).toBe("2019-12-31");
    expect(todayIn("Asia/Tokyo", new Date("2019-12-31T15:00:00Z"))).toBe("2020-01-01");
  });
  it("returns a well-formed calendar date for the current instant", () => {
    expect(isIsoDate(todayIn("Asia/Tokyo"))).toBe(true);
  });
  it("rejects an unknown time zone rather than guessing", () => {
    expect(() => todayIn("Mars/Olympus_Mons", now)).toThrow(RangeError);
  });
});
