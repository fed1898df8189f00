import { describe, expect, it } from "vitest";
import type { DigestContent } from "./digest.js";
import { changeDirection, formatKpiChange, formatKpiValue, renderDigest } from "./digest-render.js";

const content: DigestContent = {
  digest: "ops-daily",
  cadence: "daily",
  timezone: "Europe/Berlin",
  team: null,
  period: {
    from: "2026-03-01T23:00:00.000Z",
    to: "2026-03-02T23:00:00.000Z",
    firstDay: "2026-03-02",
    lastDay: "2026-03-02",
  },
  previousPeriod: { from: "2026-02-28T23:00:00.000Z", to: "2026-03-01T23:00:00.000Z" },
  generatedAt: "2026-03-03T07:00:00.000Z",
  metrics: ["casesOpened", "firstResponseMedianMinutes", "reopenRate", "csat"],
  rows: [
    {
      key: "all",
      values: { casesOpened: 1234, firstResponseMedianMinutes: 14.25, reopenRate: 0.1, csat: 80 },
      previous: {
        casesOpened: 1200,
        firstResponseMedianMinutes: 20,
        reopenRate: 0.075,
        csat: null,
      },
    },
    {
      key: "<billing>",
      values: { casesOpened: 3, firstResponseMedianMinutes: null, reopenRate: 0, csat: 100 },
      previous: { casesOpened: 3, firstResponseMedianMinutes: null, reopenRate: null, csat: 50 },
    },
  ],
};

describe("KPI display", () => {
  it("rounds each unit for reading", () => {
    expect(formatKpiValue("casesOpened", 1234)).toBe("1,234");
    expect(formatKpiValue("firstResponseMedianMinutes", 14.25)).toBe("14.3 min");
    expect(formatKpiValue("resolutionMedianHours", 3)).toBe("3.0 h");
    expect(formatKpiValue("reopenRate", 0.0833)).toBe("8.3 %");
    expect(formatKpiValue("nps", -12.5)).toBe("-12.5");
    expect(formatKpiValue("ces", 4.125)).toBe("4.13");
    expect(formatKpiValue("costPerCase", 37.2)).toBe("37.20");
    expect(formatKpiValue("csat", null)).toBe("–");
  });

  it("signs the change from the previous period, rates in percentage points", () => {
    expect(formatKpiChange("reopenRate", 0.1, 0.075)).toBe("+2.5 pp");
    expect(formatKpiChange("firstResponseMedianMinutes", 14.25, 20)).toBe("−5.8 min");
    expect(formatKpiChange("casesOpened", 3, 3)).toBe("±0");
    expect(formatKpiChange("csat", 80, null)).toBe("");
  });

  it("tells better from worse by the catalogue's direction", () => {
    expect(changeDirection("csat", 80, 70)).toBe("better");
    expect(changeDirection("reopenRate", 0.2, 0.1)).toBe("worse");
    expect(changeDirection("firstResponseMedianMinutes", 10, 20)).toBe("better");
    expect(changeDirection("csat", 80, 80)).toBe("same");
    expect(changeDirection("csat", 80, null)).toBe("same");
  });
});

describe("renderDigest", () => {
  const rendered = renderDigest(content);

  it("names the digest, its scope and the reported day in the subject", () => {
    expect(rendered.subject).toBe("[Throughline] Daily digest ops-daily: all teams, 2026-03-02");
  });

  it("lists every KPI per row in the text body, with the previous day and the change", () => {
    const lines = rendered.text.split("\n");
    expect(lines[0]).toBe('Throughline daily digest "ops-daily"');
    expect(lines[1]).toBe("All teams, 2026-03-02 (Europe/Berlin)");
    expect(lines).toContain("All teams");
    expect(lines).toContain("Team <billing>");
    const opened = lines.find((line) => line.includes("Cases opened") && line.includes("1,234"));
    expect(opened).toMatch(/1,234\s+previous day: 1,200 \(\+34\)$/);
    expect(rendered.text).toMatch(/Reopen rate\s+10\.0 %\s+previous day: 7\.5 % \(\+2\.5 pp\)/);
    expect(rendered.text).toMatch(/CSAT\s+80\.0\s+previous day: –\n/);
  });

  it("renders an HTML table with a column per row, escaping names", () => {
    expect(rendered.html).toContain("<th style=");
    expect(rendered.html).toContain("Team &lt;billing&gt;");
    expect(rendered.html).not.toContain("<billing>");
    expect(rendered.html).toContain("<strong>1,234</strong>");
    // A rising reopen rate is worse (red); a faster first response better (green).
    expect(rendered.html).toContain('<span style="color:#cf222e">(+2.5 pp)</span>');
    expect(rendered.html).toContain('<span style="color:#1a7f37">(−5.8 min)</span>');
    expect(rendered.html.match(/<tr>/g)).toHaveLength(1 + content.metrics.length);
  });

  it("spans the first and last day of a weekly digest", () => {
    const weekly = renderDigest({
      ...content,
      cadence: "weekly",
      team: "billing",
      period: { ...content.period, firstDay: "2026-02-23", lastDay: "2026-03-01" },
    });
    expect(weekly.subject).toBe(
      "[Throughline] Weekly digest ops-daily: team billing, 2026-02-23 to 2026-03-01",
    );
    expect(weekly.text).toContain("previous week:");
  });
});
