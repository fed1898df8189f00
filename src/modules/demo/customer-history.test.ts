import { describe, expect, it } from "vitest";
import { createCustomerHistory } from "./customer-history.js";
import type { EventBody, EventDraft } from "./event-draft.js";

const DAY_MS = 86_400_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");

function opened(caseId: string, category: string, atDay: number): EventDraft {
  const body: EventBody = {
    type: "case.opened",
    case: caseId,
    customer: "cus-00001",
    channel: "email",
    category,
    priority: "normal",
    team: "frontline",
  };
  return { atMs: T0 + atDay * DAY_MS, body };
}

function resolved(caseId: string, atDay: number): EventDraft {
  return { atMs: T0 + atDay * DAY_MS, body: { type: "case.resolved", case: caseId } };
}

describe("createCustomerHistory", () => {
  it("counts open cases, cases of the last 30 days and the recontacts among them", () => {
    const history = createCustomerHistory();
    // c1 resolved on day 2; c2 (same top level) opened 3 days later: a recontact.
    history.recordCaseLife("cus-00001", [opened("c1", "billing/refund", 0), resolved("c1", 2)]);
    history.recordCaseLife("cus-00001", [opened("c2", "billing/invoice", 5), resolved("c2", 6)]);
    // c3 reopens after its resolution; it is a recontact of c2.
    history.recordCaseLife("cus-00001", [
      opened("c3", "billing/refund", 8),
      resolved("c3", 9),
      { atMs: T0 + 10 * DAY_MS, body: { type: "case.reopened", case: "c3" } },
    ]);
    // c4 is about something else: not a recontact, still open.
    history.recordCaseLife("cus-00001", [opened("c4", "orders/return", 11)]);

    expect(history.countsAt("cus-00001", T0 + 12 * DAY_MS)).toEqual({
      openCases: 2,
      casesLast30Days: 4,
      recentRecontacts: 2,
    });
    // Forty days on, c1 and c2 are older than 30 days; c3 and c4 are still open.
    expect(history.countsAt("cus-00001", T0 + 36 * DAY_MS)).toEqual({
      openCases: 2,
      casesLast30Days: 2,
      recentRecontacts: 1,
    });
    // Before c2 was opened only c1 existed, resolved by then.
    expect(history.countsAt("cus-00001", T0 + 4 * DAY_MS)).toEqual({
      openCases: 0,
      casesLast30Days: 1,
      recentRecontacts: 0,
    });
    expect(history.countsAt("cus-00002", T0 + 4 * DAY_MS)).toEqual({
      openCases: 0,
      casesLast30Days: 0,
      recentRecontacts: 0,
    });
  });

  it("finds recontacts by the category a case ended with, and only within seven days", () => {
    const history = createCustomerHistory();
    history.recordCaseLife("cus-00001", [
      opened("c1", "account/access", 0),
      {
        atMs: T0 + 1000,
        body: {
          type: "case.recategorised",
          case: "c1",
          category: "technical/login",
          previous: "account/access",
        },
      },
      resolved("c1", 1),
    ]);
    history.recordCaseLife("cus-00001", [opened("c2", "technical/bug", 3)]);
    history.recordCaseLife("cus-00001", [opened("c3", "technical/bug", 20)]);
    expect(history.countsAt("cus-00001", T0 + 21 * DAY_MS).recentRecontacts).toBe(1);
  });
});
