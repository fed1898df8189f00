/**
 * Breach prediction (issue 5, item 5): a case whose queue is longer than its skilled agents can
 * clear before its first response is due is flagged with `sla.breach_predicted` as soon as the
 * prediction runs — well before the fixed at-risk threshold would fire — and only once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { saveSettings } from "../settings/settings.service.js";
import { withSlaTables } from "../sla/sla.table.js";
import { SLA_POLICIES_KIND } from "../sla/sla-settings.service.js";
import { fireBreachPredictions, getCasePrediction, predictTeam } from "./prediction.service.js";

const MINUTE = 60_000;
// Clocks are stored as of when they were last computed (now, at recording), so the story
// happens around the present: the waiting cases were opened at the start of this minute.
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(STORE_KINDS)("breach prediction on %s", (kind) => {
  let store: TestStore;
  const now = T0 + MINUTE;

  const opened = (id: string, at: number): ThroughlineEvent => ({
    id: `${id}:opened`,
    type: "case.opened",
    at: iso(at),
    case: id,
    customer: "cus-1",
    channel: "chat",
    category: "billing/refund",
    priority: "normal",
    team: "support",
  });

  beforeAll(async () => {
    store = await createTestStore(kind);
    // First response within 60 minutes of wall-clock time; at risk at 75% (45 minutes).
    await saveSettings(
      store.db,
      SYSTEM_ACTORS.cli,
      SLA_POLICIES_KIND,
      {
        policies: [
          {
            id: "chat-hour",
            name: "Chat within the hour",
            position: 1,
            conditions: {},
            targets: { firstResponse: { minutes: 60, time: "calendar" } },
            atRiskShare: 0.75,
          },
        ],
        internal: [],
      },
      { now: new Date(T0 - 3 * 24 * 60 * MINUTE) },
    );
    const history: ThroughlineEvent[] = [
      { type: "team.upserted", at: iso(T0 - 3 * 1440 * MINUTE), team: "support" },
      {
        type: "agent.upserted",
        at: iso(T0 - 3 * 1440 * MINUTE),
        agent: "agt-1",
        team: "support",
        capacity: { chat: 1 },
      },
      {
        type: "customer.upserted",
        at: iso(T0 - 3 * 1440 * MINUTE),
        customer: "cus-1",
        tier: "gold",
        segment: "smb",
        region: "emea",
      },
      // Two days ago the team handled one case in 30 minutes of work: AHT = 30 min.
      opened("done", T0 - 2 * 1440 * MINUTE),
      { type: "case.assigned", at: iso(T0 - 2 * 1440 * MINUTE), case: "done", agent: "agt-1" },
      {
        type: "case.worked",
        at: iso(T0 - 2879 * MINUTE),
        case: "done",
        agent: "agt-1",
        seconds: 1800,
      },
      { type: "case.resolved", at: iso(T0 - 2870 * MINUTE), case: "done" },
      // The one agent's only chat slot is taken.
      opened("busy", T0 - 10 * MINUTE),
      { type: "case.assigned", at: iso(T0 - 9 * MINUTE), case: "busy", agent: "agt-1" },
      // Four chats wait, opened together: w1 is next, then w2, w3, w4.
      ...["w1", "w2", "w3", "w4"].map((id) => opened(id, T0)),
    ];
    await recordEvents(
      store.db,
      history.map((event) => ({ event, atMs: Date.parse(event.at) })),
      { createMissing: false },
    );
  });
  afterAll(() => store.dispose());

  it("predicts each waiting case from its place in the queue and the team's handling time", async () => {
    // No free slot (F = 0), one agent on shift (n = 1), AHT 30 min: the case at position p is
    // answered (p + 1) × 30 min from now. Due 60 min after T0, i.e. 59 min from now.
    const { predictions, handling } = await predictTeam(store.db, "support", now);
    expect(handling).toEqual({ ahtMinutes: 30, sampleCases: 1 });
    expect(predictions.map((p) => [p.caseId, ((p.predictedAt ?? 0) - now) / MINUTE])).toEqual([
      ["w1", 30],
      ["w2", 60],
      ["w3", 90],
      ["w4", 120],
    ]);
    expect(predictions.map((p) => p.breach)).toEqual([false, true, true, true]);
  });

  it("flags predicted breaches once, 44 minutes before the at-risk threshold", async () => {
    const first = await fireBreachPredictions(store.db, now);
    expect(first).toMatchObject({ predicted: 3, fired: 3 });
    const again = await fireBreachPredictions(store.db, now + MINUTE);
    expect(again).toMatchObject({ predicted: 3, fired: 0 });

    const flagged = await store.db
      .selectFrom("events")
      .select(["id", "case_id", "at", "data"])
      .where("type", "=", "sla.breach_predicted")
      .orderBy("case_id")
      .execute();
    expect(flagged.map((row) => [row.id, row.case_id, Number(row.at)])).toEqual([
      [`predict:w2:firstResponse:${T0}`, "w2", now],
      [`predict:w3:firstResponse:${T0}`, "w3", now],
      [`predict:w4:firstResponse:${T0}`, "w4", now],
    ]);
    expect(JSON.parse(flagged[0]?.data ?? "{}")).toMatchObject({
      clock: "firstResponse",
      policy: "chat-hour",
      dueAt: iso(T0 + 60 * MINUTE),
      predictedAt: iso(now + 60 * MINUTE),
    });
    const clock = await withSlaTables(store.db)
      .selectFrom("sla_clocks")
      .select(["at_risk_at", "at_risk_fired_at"])
      .where("case_id", "=", "w2")
      .where("clock", "=", "firstResponse")
      .executeTakeFirstOrThrow();
    // The fixed threshold would fire at T0 + 45 min; the prediction fired at T0 + 1 min.
    expect(Number(clock.at_risk_at)).toBe(T0 + 45 * MINUTE);
    expect(clock.at_risk_fired_at).toBeNull();
    expect(Number(clock.at_risk_at) - now).toBe(44 * MINUTE);
  });

  it("explains a case's prediction for the case page", async () => {
    const found = await getCasePrediction(store.db, SYSTEM_ACTORS.cli, "w3", now);
    expect(found).toMatchObject({
      team: "support",
      flaggedAt: now,
      prediction: {
        position: 3,
        ahead: 2,
        eligibleOnShift: 1,
        freeSlots: 0,
        breach: true,
        policy: "chat-hour",
        predictedAt: now + 90 * MINUTE,
      },
    });
    const resolved = await getCasePrediction(store.db, SYSTEM_ACTORS.cli, "done", now);
    expect(resolved.prediction).toBeNull();
    expect(resolved.note).toBe("the case is resolved, not waiting in the queue");
    const taken = await getCasePrediction(store.db, SYSTEM_ACTORS.cli, "busy", now);
    expect(taken.note).toBe("the case is with an agent already");
  });
});
