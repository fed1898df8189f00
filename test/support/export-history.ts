import { SYSTEM_ACTORS } from "../../src/access/actor.js";
import { importEvents } from "../../src/modules/events/event-import.js";
import type { TestApp } from "./app.js";

/**
 * A small hand-made history for the export and digest tests, imported through the real import
 * path after an SLA policy gives high-priority cases a 60-minute first-response target (calendar
 * time). The period under test is the week [2026-03-02T00:00Z, 2026-03-09T00:00Z).
 *
 * - case-0 (cus-b, normal): opened 02-27 09:00, answered by ann 10:00 (60 min), first resolved
 *   03-02 08:00 (71 h) — opened before the period, resolved in it. No target: SLA "none".
 * - case-1 (cus-a, high, billing/refund): opened 03-02 09:00; a customer message 09:10 and an
 *   internal note 09:20 do not count; ann answers publicly 09:30 (30 min, due 10:00: met); worked
 *   600 s; resolved 11:00 (2 h); CSAT 5 then 4 (the export shows the latest, 4), NPS 9.
 *   Recontacted by case-3 (same customer, top category billing, 3 days later): not FCR.
 * - case-2 (cus-b, high, technical/login): opened 03-02 10:00 in billing, handed off to technical
 *   10:20, tom answers 11:15 (75 min, due 11:00: missed), escalated 11:30, worked 1200 + 300 s,
 *   first resolved 03-03 10:00 (24 h), reopened and resolved again; CES 3. Recontacted by case-4
 *   (technical, 5.6 days after the first resolution).
 * - case-3 (cus-a, high, billing/invoice): opened 03-05 10:00, never answered (due 11:00: missed
 *   once past it, pending before).
 * - case-4 (cus-b, normal, technical/outage): opened 03-08 23:30 in technical; nothing else.
 * - case-5 opened exactly at the period's end and case-6 (opened 02-20, resolved 03-10) are
 *   outside the period.
 */
export const EXPORT_PERIOD = { from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" };

const HISTORY: object[] = [
  { type: "team.upserted", at: "2026-02-01T00:00:00Z", team: "billing", hourlyCost: 60 },
  { type: "team.upserted", at: "2026-02-01T00:00:00Z", team: "technical", hourlyCost: 80 },
  { type: "agent.upserted", at: "2026-02-01T00:00:00Z", agent: "ann", team: "billing" },
  { type: "agent.upserted", at: "2026-02-01T00:00:00Z", agent: "tom", team: "technical" },
  {
    type: "customer.upserted",
    at: "2026-02-01T00:00:00Z",
    customer: "cus-a",
    tier: "gold",
    segment: "smb",
    region: "emea",
  },
  {
    type: "customer.upserted",
    at: "2026-02-01T00:00:00Z",
    customer: "cus-b",
    tier: "silver",
    segment: "enterprise",
    region: "amer",
  },
  ...opened("case-6", "2026-02-20T09:00:00Z", "cus-a", "email", "billing/refund", "normal"),
  { type: "case.resolved", at: "2026-03-10T09:00:00Z", case: "case-6" },

  ...opened("case-0", "2026-02-27T09:00:00Z", "cus-b", "email", "billing/refund", "normal"),
  { type: "case.assigned", at: "2026-02-27T09:05:00Z", case: "case-0", agent: "ann" },
  reply("case-0", "2026-02-27T10:00:00Z", "agent:ann", true),
  { type: "case.resolved", at: "2026-03-02T08:00:00Z", case: "case-0" },

  ...opened("case-1", "2026-03-02T09:00:00Z", "cus-a", "email", "billing/refund", "high"),
  { type: "case.assigned", at: "2026-03-02T09:01:00Z", case: "case-1", agent: "ann" },
  reply("case-1", "2026-03-02T09:10:00Z", "customer", true),
  reply("case-1", "2026-03-02T09:20:00Z", "agent:ann", false),
  reply("case-1", "2026-03-02T09:30:00Z", "agent:ann", true),
  { type: "case.worked", at: "2026-03-02T09:40:00Z", case: "case-1", agent: "ann", seconds: 600 },
  { type: "case.resolved", at: "2026-03-02T11:00:00Z", case: "case-1" },
  survey("case-1", "2026-03-02T12:00:00Z", "csat", 5),
  survey("case-1", "2026-03-02T12:05:00Z", "nps", 9),
  survey("case-1", "2026-03-03T08:00:00Z", "csat", 4),

  ...opened("case-2", "2026-03-02T10:00:00Z", "cus-b", "chat", "technical/login", "high"),
  {
    type: "case.handoff",
    at: "2026-03-02T10:20:00Z",
    case: "case-2",
    from: "billing",
    to: "technical",
  },
  { type: "case.assigned", at: "2026-03-02T10:25:00Z", case: "case-2", agent: "tom" },
  reply("case-2", "2026-03-02T11:15:00Z", "agent:tom", true),
  { type: "case.escalated", at: "2026-03-02T11:30:00Z", case: "case-2", level: 1 },
  { type: "case.worked", at: "2026-03-02T11:40:00Z", case: "case-2", agent: "tom", seconds: 1200 },
  { type: "case.resolved", at: "2026-03-03T10:00:00Z", case: "case-2" },
  { type: "case.reopened", at: "2026-03-03T12:00:00Z", case: "case-2" },
  { type: "case.worked", at: "2026-03-03T12:30:00Z", case: "case-2", agent: "tom", seconds: 300 },
  { type: "case.resolved", at: "2026-03-03T14:00:00Z", case: "case-2" },
  survey("case-2", "2026-03-03T15:00:00Z", "ces", 3),

  ...opened("case-3", "2026-03-05T10:00:00Z", "cus-a", "web", "billing/invoice", "high"),
  ...opened(
    "case-4",
    "2026-03-08T23:30:00Z",
    "cus-b",
    "phone",
    "technical/outage",
    "normal",
    "technical",
  ),
  ...opened("case-5", "2026-03-09T00:00:00Z", "cus-a", "email", "billing/refund", "normal"),
];

/** The history as NDJSON lines, for the command-line import. */
export const EXPORT_HISTORY_LINES: readonly string[] = HISTORY.map((event) =>
  JSON.stringify(event),
);

function opened(
  id: string,
  at: string,
  customer: string,
  channel: string,
  category: string,
  priority: string,
  team = "billing",
): object[] {
  return [{ type: "case.opened", at, case: id, customer, channel, category, priority, team }];
}

function reply(id: string, at: string, by: string, isPublic: boolean): object {
  return { type: "case.replied", at, case: id, by, public: isPublic };
}

function survey(id: string, at: string, kind: string, score: number): object {
  return { type: "survey.answered", at, case: id, kind, score };
}

/** The SLA policy, then the history through the import path; fails loudly if anything is refused. */
export async function importExportHistory(t: TestApp): Promise<void> {
  const policy = await t.inject({
    method: "PUT",
    url: "/api/v1/sla-policies",
    payload: {
      document: {
        policies: [
          {
            id: "high-hour",
            name: "High priority within the hour",
            position: 1,
            conditions: { priorities: ["high"] },
            targets: { firstResponse: { minutes: 60, time: "calendar" } },
            atRiskShare: 0.5,
          },
        ],
        internal: [],
      },
    },
  });
  if (policy.statusCode !== 200) throw new Error(`SLA policy refused: ${policy.body}`);
  const report = await importEvents(t.store.db, EXPORT_HISTORY_LINES, {
    skipInvalid: false,
    strict: false,
    actor: SYSTEM_ACTORS.cli,
  });
  if (!report.written || report.invalid > 0) {
    throw new Error(`history refused: ${JSON.stringify(report.errors)}`);
  }
}
