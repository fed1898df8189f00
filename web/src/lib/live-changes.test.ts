import { describe, expect, it } from "vitest";
import { changesAlerts, changesMetrics } from "./live-changes.ts";

describe("live changes", () => {
  it("reloads the KPIs for case, survey, customer and team events only", () => {
    expect(changesMetrics({ "case.opened": 3 })).toBe(true);
    expect(changesMetrics({ "survey.answered": 1 })).toBe(true);
    expect(changesMetrics({ "customer.upserted": 1 })).toBe(true);
    expect(changesMetrics({ "team.upserted": 1 })).toBe(true);
    expect(changesMetrics({ "agent.presence_changed": 4, "alert.raised": 1 })).toBe(false);
    expect(changesMetrics({ "case.opened": 0 })).toBe(false);
  });

  it("reloads the alerts for raised and resolved alerts", () => {
    expect(changesAlerts({ "alert.resolved": 1 })).toBe(true);
    expect(changesAlerts({ "case.opened": 9 })).toBe(false);
  });
});
