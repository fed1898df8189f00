import { describe, expect, it } from "vitest";
import { KPI_NAMES } from "../../../src/modules/metrics/kpi.ts";
import {
  formatKpiAxisValue,
  formatKpiRange,
  formatKpiValue,
  KPI_LABELS,
  kpiChange,
} from "./metric-format.ts";

describe("formatKpiValue", () => {
  it("shows each unit the way people read it", () => {
    expect(formatKpiValue("casesOpened", 1234)).toBe((1234).toLocaleString());
    expect(formatKpiValue("firstResponseMedianMinutes", 134.5)).toBe("2h 14m");
    expect(formatKpiValue("firstResponseP90Minutes", 0.75)).toBe("45s");
    expect(formatKpiValue("resolutionMedianHours", 27.5)).toBe("1d 3h");
    expect(formatKpiValue("reopenRate", 0.1234)).toBe("12.3%");
    expect(formatKpiValue("csat", 81.25)).toBe((81.3).toLocaleString());
    expect(formatKpiValue("nps", 12)).toBe("+12");
    expect(formatKpiValue("nps", -7.5)).toBe((-7.5).toLocaleString());
    expect(formatKpiValue("ces", 5.678)).toBe((5.68).toLocaleString());
    expect(formatKpiValue("costPerCase", 4.5)).toBe(
      (4.5).toLocaleString(undefined, { minimumFractionDigits: 2 }),
    );
  });

  it("shows an undefined KPI as a dash", () => {
    expect(formatKpiValue("csat", null)).toBe("—");
    expect(formatKpiValue("csat", undefined)).toBe("—");
  });

  it("labels every KPI", () => {
    for (const name of KPI_NAMES) expect(KPI_LABELS[name]).toMatch(/\w/);
  });
});

describe("formatKpiAxisValue", () => {
  it("plots rates as percentages and durations in their unit", () => {
    expect(formatKpiAxisValue("slaFirstResponseAttainment", 0.875)).toBe("87.5%");
    expect(formatKpiAxisValue("firstResponseMedianMinutes", 12.25)).toBe("12.3 min");
    expect(formatKpiAxisValue("resolutionMedianHours", 3)).toBe("3 h");
  });
});

describe("kpiChange", () => {
  it("compares rates in percentage points, with the tone from which way is better", () => {
    expect(kpiChange("reopenRate", 0.12, 0.1)).toEqual({ text: "+2 pp", tone: "bad" });
    expect(kpiChange("fcrRate", 0.7, 0.75)).toEqual({ text: "−5 pp", tone: "bad" });
    expect(kpiChange("slaFirstResponseAttainment", 0.9, 0.85)).toEqual({
      text: "+5 pp",
      tone: "good",
    });
  });

  it("compares CSAT and NPS in points and counts relative to the previous period", () => {
    expect(kpiChange("csat", 78.4, 81.2)).toEqual({ text: "−2.8 pts", tone: "bad" });
    expect(kpiChange("casesResolved", 110, 100)).toEqual({ text: "+10%", tone: "good" });
    expect(kpiChange("firstResponseMedianMinutes", 30, 40)).toEqual({
      text: "−25%",
      tone: "good",
    });
  });

  it("is flat when nothing moved at the shown precision, and null without a base", () => {
    expect(kpiChange("casesOpened", 1000, 1001)).toEqual({ text: "0%", tone: "flat" });
    expect(kpiChange("casesOpened", 5, 0)).toBeNull();
    expect(kpiChange("csat", null, 80)).toBeNull();
  });
});

describe("formatKpiRange", () => {
  it("writes a band, a one-sided threshold or nothing", () => {
    expect(formatKpiRange("casesOpened", 5, 17)).toBe("5 – 17");
    expect(formatKpiRange("casesOpened", null, 25)).toBe("≤ 25");
    expect(formatKpiRange("csat", 70, null)).toBe("≥ 70");
    expect(formatKpiRange("reopenRate", null, undefined)).toBe("—");
  });
});
