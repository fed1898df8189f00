import { describe, expect, it } from "vitest";
import { describeCountdown, formatCountdown, slaBadgeState } from "./sla.ts";

const due = "2026-03-02T12:00:00Z";
const atRisk = "2026-03-02T11:00:00Z";
const at = (iso: string) => Date.parse(iso);

describe("slaBadgeState", () => {
  it("is on track, then at risk, then breached as a running clock's instants pass", () => {
    const clock = { state: "running", dueAt: due, atRiskAt: atRisk } as const;
    expect(slaBadgeState(clock, at("2026-03-02T10:59:59Z"))).toBe("on_track");
    expect(slaBadgeState(clock, at("2026-03-02T11:00:00Z"))).toBe("at_risk");
    expect(slaBadgeState(clock, at("2026-03-02T11:59:59Z"))).toBe("at_risk");
    expect(slaBadgeState(clock, at("2026-03-02T12:00:00Z"))).toBe("breached");
  });

  it("keeps the server's paused, met and breached states whatever the time", () => {
    const early = at("2026-03-01T00:00:00Z");
    const late = at("2026-03-03T00:00:00Z");
    expect(slaBadgeState({ state: "paused", dueAt: due, atRiskAt: atRisk }, late)).toBe("paused");
    expect(slaBadgeState({ state: "met", dueAt: due, atRiskAt: atRisk }, late)).toBe("met");
    expect(slaBadgeState({ state: "breached", dueAt: due, atRiskAt: atRisk }, early)).toBe(
      "breached",
    );
  });

  it("falls back to on track when the instants do not parse", () => {
    expect(slaBadgeState({ state: "running", dueAt: "soon", atRiskAt: "" }, 0)).toBe("on_track");
  });
});

describe("formatCountdown", () => {
  it("shows two units with a padded lower one", () => {
    expect(formatCountdown(93_784_000)).toBe("1d 02h");
    expect(formatCountdown(7_530_000)).toBe("2h 05m");
    expect(formatCountdown(845_000)).toBe("14m 05s");
    expect(formatCountdown(9_000)).toBe("9s");
    expect(formatCountdown(0)).toBe("0s");
  });

  it("truncates and ignores the sign", () => {
    expect(formatCountdown(59_999)).toBe("59s");
    expect(formatCountdown(-845_900)).toBe("14m 05s");
  });
});

describe("describeCountdown", () => {
  it("counts down to the due time and up after it", () => {
    expect(describeCountdown(due, at("2026-03-02T09:54:55Z"))).toEqual({
      text: "2h 05m left",
      overdue: false,
    });
    expect(describeCountdown(due, at("2026-03-02T12:14:05Z"))).toEqual({
      text: "14m 05s overdue",
      overdue: true,
    });
    expect(describeCountdown(due, at(due))).toEqual({ text: "0s overdue", overdue: true });
  });

  it("is null for a due time that does not parse", () => {
    expect(describeCountdown("never", 0)).toBeNull();
  });
});
