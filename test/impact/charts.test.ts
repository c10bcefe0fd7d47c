// The report's SVG charts: one bar per label and series, every text escaped, the words in the reader's language.
import { describe, expect, it } from "vitest";
import { barChart, columnChart, pairBarChart, pairColumnChart } from "../../src/impact/charts.ts";

const pairs = [
  { label: "2019-08", before: 10, after: 30, tip: "<b>" },
  { label: "2019-09", before: 5, after: 0, tip: "t" },
];

describe("charts", () => {
  it("draws a baseline and a change bar per label, scaled to the largest", () => {
    for (const svg of [pairColumnChart(pairs, "Apps", "n"), pairBarChart(pairs, "Apps", "n")]) {
      expect(svg.match(/class="b0"><title>/g)).toHaveLength(2);
      expect(svg.match(/class="b1"><title>/g)).toHaveLength(2);
      expect(svg).toContain(">baseline</text>");
      expect(svg).not.toContain("<b>");
      expect(svg).toContain("&lt;b&gt;");
    }
    // horizontal: the largest value spans the plot, a zero is drawn as nothing
    const h = pairBarChart(pairs, "Apps", "n");
    expect(h).toMatch(/width="520\.0" height="11" class="b1"/);
    expect(h).toMatch(/width="0\.0" height="11" class="b1"/);
  });

  it("writes its words in the language given, and says when there is nothing to draw", () => {
    const svg = pairColumnChart([], "월별 신청 건수", "건", {
      baseline: "기준",
      change: "변경",
      noData: "데이터 없음",
    });
    expect(svg).toContain(">기준</text>");
    expect(svg).toContain(">변경</text>");
    expect(svg).toContain(">데이터 없음</text>");
    expect(svg).not.toContain("baseline");
  });

  it("single series: one bar per label", () => {
    const bars = [
      { label: "KR", value: 3, tip: "KR" },
      { label: 'A&"B', value: 1, tip: "x" },
    ];
    expect(columnChart(bars, "t", "u").match(/class="bar">/g)).toHaveLength(2);
    const b = barChart(bars, "t", "u");
    expect(b.match(/class="bar">/g)).toHaveLength(2);
    expect(b).toContain("A&amp;&quot;B");
  });
});
