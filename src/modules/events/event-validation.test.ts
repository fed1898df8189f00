import { describe, expect, it } from "vitest";
import { checkEvent, parseInstant } from "./event-validation.js";

const opened = {
  type: "case.opened",
  at: "2026-01-05T09:00:00Z",
  case: "c1",
  customer: "cus-1",
  channel: "email",
  category: "billing/refund",
  priority: "high",
  team: "billing",
};

function problemOf(candidate: unknown) {
  const result = checkEvent(candidate);
  if (result.ok) throw new Error("expected a problem");
  return result.problem;
}

describe("checkEvent", () => {
  it("accepts a valid event and keeps unknown fields", () => {
    const result = checkEvent({ ...opened, subject: "Refund", sourceSystem: "legacy" });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.event.sourceSystem).toBe("legacy");
      expect(result.atMs).toBe(Date.UTC(2026, 0, 5, 9));
    }
  });

  it("names a value outside an enum", () => {
    expect(problemOf({ ...opened, channel: "fax" })).toEqual({
      field: "channel",
      reason: "must be one of email, chat, phone, web, social, api",
    });
  });

  it("names a missing required field", () => {
    const { customer: _customer, ...withoutCustomer } = opened;
    expect(problemOf(withoutCustomer)).toEqual({ field: "customer", reason: "is required" });
  });

  it("rejects unknown types and missing types", () => {
    expect(problemOf({ ...opened, type: "case.exploded" }).field).toBe("type");
    expect(problemOf({ at: opened.at }).field).toBe("type");
  });

  it("requires an instant with an offset", () => {
    expect(problemOf({ ...opened, at: "2026-01-05" }).field).toBe("at");
    expect(problemOf({ ...opened, at: "2026-01-05T09:00:00" }).field).toBe("at");
    expect(problemOf({ ...opened, at: "2026-02-30T09:00:00Z" }).field).toBe("at");
  });

  it("checks category format and wrong types", () => {
    expect(problemOf({ ...opened, category: "billing" }).field).toBe("category");
    expect(
      problemOf({ type: "case.worked", at: opened.at, case: "c1", agent: "a", seconds: "5" }).field,
    ).toBe("seconds");
  });

  it("checks survey score ranges per kind", () => {
    const survey = { type: "survey.answered", at: opened.at, case: "c1" };
    expect(problemOf({ ...survey, kind: "csat", score: 6 })).toEqual({
      field: "score",
      reason: "csat scores run from 1 to 5",
    });
    expect(checkEvent({ ...survey, kind: "nps", score: 0 }).ok).toBe(true);
    expect(problemOf({ ...survey, kind: "ces", score: 0 }).field).toBe("score");
  });

  it("rejects non-objects", () => {
    expect(problemOf([1, 2]).field).toBeUndefined();
    expect(problemOf(null).reason).toMatch(/JSON object/);
  });
});

describe("parseInstant", () => {
  it("honours offsets", () => {
    expect(parseInstant("2026-03-29T03:00:00+02:00")).toBe(Date.UTC(2026, 2, 29, 1));
    expect(parseInstant("2026-03-29T01:00:00.5Z")).toBe(Date.UTC(2026, 2, 29, 1, 0, 0, 500));
  });
});

describe("checkEvent on deeply nested extras", () => {
  it("rejects nesting beyond the limit with the field named, without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let level = 0; level < 10_000; level += 1) deep = { next: deep };
    const result = checkEvent({ ...opened, extra: deep });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problem).toEqual({ field: "extra", reason: "nests deeper than 32 levels" });
    expect(checkEvent({ ...opened, extra: { a: { b: { c: 1 } } } }).ok).toBe(true);
  });
});
