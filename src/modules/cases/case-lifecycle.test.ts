import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { CASE_STATUSES, type CaseStatus } from "../events/event.types.js";
import type { Case } from "./case.js";
import {
  CASE_TRANSITIONS,
  type CaseEvent,
  DEFAULT_REOPEN_WINDOW_MS,
  type LifecycleState,
  type TransitionContext,
  transition,
} from "./case-lifecycle.js";
import { foldCaseEvent, foldLateCaseEvent } from "./case-projection.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const RESOLVED_AT = Date.parse("2026-03-01T12:00:00Z");
const at = "2026-03-02T12:00:00Z";

const context = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  caseId: "c1",
  atMs: RESOLVED_AT + DAY_MS,
  resolvedAt: RESOLVED_AT,
  reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS,
  ...overrides,
});

const EVENTS = {
  opened: {
    type: "case.opened",
    at,
    case: "c1",
    customer: "cus-1",
    channel: "email",
    category: "billing/refund",
    priority: "normal",
    team: "billing",
  },
  assigned: { type: "case.assigned", at, case: "c1", agent: "agt-1" },
  agentReply: { type: "case.replied", at, case: "c1", by: "agent:agt-1", public: true },
  internalNote: { type: "case.replied", at, case: "c1", by: "agent:agt-1", public: false },
  customerReply: { type: "case.replied", at, case: "c1", by: "customer", public: true },
  handoff: { type: "case.handoff", at, case: "c1", from: "billing", to: "tech" },
  escalated: { type: "case.escalated", at, case: "c1", level: 1 },
  worked: { type: "case.worked", at, case: "c1", agent: "agt-1", seconds: 60 },
  toOpen: { type: "case.status", at, case: "c1", status: "open" },
  toPendingCustomer: { type: "case.status", at, case: "c1", status: "pending_customer" },
  toPendingInternal: { type: "case.status", at, case: "c1", status: "pending_internal" },
  resolved: { type: "case.resolved", at, case: "c1" },
  reopened: { type: "case.reopened", at, case: "c1" },
  closed: { type: "case.closed", at, case: "c1", reason: "done" },
  survey: { type: "survey.answered", at, case: "c1", kind: "csat", score: 5 },
  linked: { type: "case.linked", at, case: "c1", kind: "duplicate_of", target: "c0" },
  merged: { type: "case.merged", at, case: "c1", merged: "c2" },
  mergedInto: { type: "case.merged_into", at, case: "c1", into: "c0" },
  atRisk: { type: "sla.at_risk", at, case: "c1", clock: "firstResponse", policy: "p", dueAt: at },
  breached: {
    type: "sla.breached",
    at,
    case: "c1",
    clock: "firstResponse",
    policy: "p",
    dueAt: at,
  },
  breachPredicted: {
    type: "sla.breach_predicted",
    at,
    case: "c1",
    clock: "firstResponse",
    policy: "p",
    dueAt: at,
    predictedAt: at,
  },
  routed: { type: "case.routed", at, case: "c1", team: "tech", priority: "high", rule: "r1" },
  recategorised: { type: "case.recategorised", at, case: "c1", category: "tech/login" },
} satisfies Record<string, CaseEvent>;
type EventName = keyof typeof EVENTS;

const ACTIVE = ["new", "open", "pending_customer", "pending_internal"] as const;
const ALL_STATES: LifecycleState[] = [null, ...CASE_STATUSES];

/**
 * What each event does in each state: the next state, or null when it is refused. Written out
 * in full, independently of CASE_TRANSITIONS, so that a change to the table must change this.
 */
function expected(state: LifecycleState, name: EventName): CaseStatus | null {
  if (state === null) return name === "opened" ? "new" : null;
  const active = (ACTIVE as readonly string[]).includes(state);
  switch (name) {
    case "opened":
      return null;
    case "assigned":
    case "agentReply":
      return state === "new" ? "open" : state === "closed" ? null : state;
    case "internalNote":
    case "customerReply":
    case "handoff":
    case "escalated":
    case "worked":
      return state === "closed" ? null : state;
    case "toOpen":
      return active ? "open" : null;
    case "toPendingCustomer":
      return active ? "pending_customer" : null;
    case "toPendingInternal":
      return active ? "pending_internal" : null;
    case "resolved":
      return active ? "resolved" : null;
    case "reopened":
      return state === "resolved" ? "open" : null;
    case "closed":
      return state === "resolved" ? "closed" : null;
    case "survey":
    case "linked":
    case "atRisk":
    case "breached":
    case "breachPredicted":
      return state;
    case "merged":
    case "routed":
    case "recategorised":
      return state === "closed" ? null : state;
    case "mergedInto":
      return state === "closed" ? null : "closed";
  }
}

describe("transition", () => {
  const cases = ALL_STATES.flatMap((state) =>
    (Object.keys(EVENTS) as EventName[]).map((name) => [state, name] as const),
  );

  it.each(cases)("from %s on %s", (state, name) => {
    const outcome = transition(state, EVENTS[name], context());
    const next = expected(state, name);
    if (next === null) {
      expect(outcome).toMatchObject({ ok: false, current: state });
    } else {
      expect(outcome).toEqual({ ok: true, next });
    }
  });

  it("names the current state and what the event needs when it refuses", () => {
    expect(transition("closed", EVENTS.reopened, context())).toEqual({
      ok: false,
      current: "closed",
      reason: 'case "c1" is closed; case.reopened needs resolved within 14 days',
    });
    expect(transition("resolved", EVENTS.resolved, context())).toMatchObject({
      reason:
        'case "c1" is resolved; case.resolved needs new, open, pending_customer or pending_internal',
    });
    expect(transition("closed", EVENTS.assigned, context())).toMatchObject({
      reason:
        'case "c1" is closed; case.assigned needs new, open, pending_customer, pending_internal or resolved',
    });
    expect(transition("open", EVENTS.closed, context())).toMatchObject({
      reason: 'case "c1" is open; case.closed needs resolved',
    });
    expect(transition(null, EVENTS.resolved, context())).toMatchObject({
      reason: expect.stringMatching(/^case "c1" does not exist; /),
    });
  });

  it("reopens only within the window after the resolution, its last instant included", () => {
    const window = DEFAULT_REOPEN_WINDOW_MS;
    const atEdge = context({ atMs: RESOLVED_AT + window });
    expect(transition("resolved", EVENTS.reopened, atEdge)).toEqual({ ok: true, next: "open" });

    const late = context({ atMs: RESOLVED_AT + window + 1000 });
    expect(transition("resolved", EVENTS.reopened, late)).toEqual({
      ok: false,
      current: "resolved",
      reason:
        'case "c1" has been resolved for 14.1 days; case.reopened needs resolved within 14 days',
    });
    const muchLater = context({ atMs: RESOLVED_AT + 20.5 * DAY_MS });
    expect(transition("resolved", EVENTS.reopened, muchLater)).toMatchObject({
      reason:
        'case "c1" has been resolved for 20.5 days; case.reopened needs resolved within 14 days',
    });
  });

  it("takes the reopen window from the context", () => {
    const short = context({ reopenWindowMs: 2 * DAY_MS, atMs: RESOLVED_AT + 3 * DAY_MS });
    expect(transition("resolved", EVENTS.reopened, short)).toMatchObject({
      ok: false,
      reason: 'case "c1" has been resolved for 3 days; case.reopened needs resolved within 2 days',
    });
    const long = context({ reopenWindowMs: 30 * DAY_MS, atMs: RESOLVED_AT + 20 * DAY_MS });
    expect(transition("resolved", EVENTS.reopened, long)).toEqual({ ok: true, next: "open" });
  });

  it("has a rule for every case event type, and nothing leaves closed", () => {
    const types = new Set(Object.values(EVENTS).map((event) => event.type));
    expect(new Set(CASE_TRANSITIONS.map((rule) => rule.event))).toEqual(types);
    const fromClosed = CASE_TRANSITIONS.filter((rule) => rule.from.includes("closed"));
    // Records that arrive after the end (survey answers, links, SLA events fired late) leave it closed.
    expect(fromClosed.map((rule) => [rule.event, rule.to])).toEqual([
      ["survey.answered", "unchanged"],
      ["case.linked", "unchanged"],
      ["sla.at_risk", "unchanged"],
      ["sla.breached", "unchanged"],
      ["sla.breach_predicted", "unchanged"],
    ]);
  });
});

describe("foldCaseEvent with the lifecycle", () => {
  const fold = (events: [EventName, string][], reopenWindowMs?: number): Case => {
    let state: Case | undefined;
    for (const [name, when] of events) {
      state = foldCaseEvent(state, { ...EVENTS[name], at: when }, Date.parse(when), reopenWindowMs);
    }
    if (!state) throw new Error("no events");
    return state;
  };

  it("walks a case from new to closed", () => {
    expect(fold([["opened", "2026-03-01T09:00:00Z"]]).status).toBe("new");
    const life = fold([
      ["opened", "2026-03-01T09:00:00Z"],
      ["agentReply", "2026-03-01T09:10:00Z"],
      ["toPendingCustomer", "2026-03-01T09:11:00Z"],
      ["resolved", "2026-03-01T12:00:00Z"],
      ["reopened", "2026-03-10T12:00:00Z"],
      ["resolved", "2026-03-11T12:00:00Z"],
      ["closed", "2026-03-18T12:00:00Z"],
      ["survey", "2026-03-19T12:00:00Z"],
    ]);
    expect(life).toMatchObject({
      status: "closed",
      reopenCount: 1,
      firstResponseAt: Date.parse("2026-03-01T09:10:00Z"),
      firstResolvedAt: Date.parse("2026-03-01T12:00:00Z"),
      resolvedAt: Date.parse("2026-03-11T12:00:00Z"),
    });
  });

  it("throws case.invalid_transition on field type when the lifecycle refuses", () => {
    const refused = () =>
      fold([
        ["opened", "2026-03-01T09:00:00Z"],
        ["resolved", "2026-03-01T12:00:00Z"],
        ["reopened", "2026-03-16T12:00:01Z"],
      ]);
    expect(refused).toThrow(AppError);
    expect(refused).toThrow(/has been resolved for 15.1 days; case.reopened needs resolved within/);
    try {
      refused();
    } catch (error) {
      expect(error).toMatchObject({ code: "case.invalid_transition", field: "type", status: 409 });
    }
  });

  it("takes the reopen window as a parameter", () => {
    const events: [EventName, string][] = [
      ["opened", "2026-03-01T09:00:00Z"],
      ["resolved", "2026-03-01T12:00:00Z"],
      ["reopened", "2026-03-20T12:00:00Z"],
    ];
    expect(() => fold(events)).toThrow(AppError);
    expect(fold(events, 30 * DAY_MS).status).toBe("open");
  });

  it("folds a late event without judging it against the present state", () => {
    const resolved = fold([
      ["opened", "2026-03-01T09:00:00Z"],
      ["resolved", "2026-03-01T12:00:00Z"],
    ]);
    const late = { ...EVENTS.toPendingCustomer, at: "2026-03-01T10:00:00Z" };
    expect(() => foldCaseEvent(resolved, late, Date.parse(late.at))).toThrow(AppError);
    expect(foldLateCaseEvent(resolved, late, Date.parse(late.at)).status).toBe("resolved");
  });
});
