/**
 * What a calendar or SLA-policy save recomputes: the clocks of the open cases the change can move
 * and no others, with the same result as recomputing every open case. Both cases below wait on the
 * customer, so a recompute at a later instant moves their first-response due time (a paused clock
 * stands still until the instant it is computed at) and stamps `updated_at`: a case left alone
 * keeps both. Berlin is CET in March 2026; 2026-03-06 is a Friday.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import type { StoredSettingsKind } from "../settings/settings.js";
import { saveSettings } from "../settings/settings.service.js";
import { withSlaTables } from "./sla.table.js";
import { recomputeOpenCaseClocks } from "./sla-derivation.js";
import type { CalendarsDocument, SlaPoliciesDocument, StoredCalendar } from "./sla-settings.js";
import { CALENDARS_KIND, SLA_POLICIES_KIND } from "./sla-settings.service.js";

const WEEKDAYS_9_TO_5 = Object.fromEntries(
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => [day, [["09:00", "17:00"]]]),
);

function calendar(id: string, holidays: string[] = []): StoredCalendar {
  return { id, name: id, timezone: "Europe/Berlin", hours: WEEKDAYS_9_TO_5, holidays };
}

function policy(id: string, position: number, tiers: string[], calendarId: string) {
  return {
    id,
    name: id,
    position,
    conditions: { tiers },
    targets: {
      firstResponse: { minutes: 60, time: "calendar" as const },
      resolution: { minutes: 2400, time: "business" as const },
    },
    calendarId,
    atRiskShare: 0.75,
  };
}

const CALENDARS: CalendarsDocument = {
  calendars: [calendar("emea"), calendar("us"), calendar("spare")],
};
const POLICIES: SlaPoliciesDocument = {
  policies: [policy("gold", 1, ["gold"], "emea"), policy("standard", 2, [], "us")],
  internal: [],
};

describe.each(STORE_KINDS)("SLA clocks recomputed by a settings save on %s", (kind) => {
  let store: TestStore;
  // Each save is dated a minute after the one before, all after the events were recorded.
  let saveAt = Date.now() + 60_000;

  async function save<T>(definition: StoredSettingsKind<T>, document: T): Promise<number> {
    saveAt += 60_000;
    await saveSettings(store.db, SYSTEM_ACTORS.cli, definition, document, {
      now: new Date(saveAt),
    });
    return saveAt;
  }

  const firstResponse = <T extends { clock: string }>(clocks: T[]) =>
    clocks.find((clock) => clock.clock === "firstResponse");

  async function clocksOf(caseId: string) {
    const rows = await withSlaTables(store.db)
      .selectFrom("sla_clocks")
      .select(["clock", "policy_id", "due_at", "at_risk_at", "state", "updated_at"])
      .where("case_id", "=", caseId)
      .orderBy("clock")
      .execute();
    return rows.map((row) => ({
      clock: row.clock,
      policy: row.policy_id,
      dueAt: Number(row.due_at),
      atRiskAt: Number(row.at_risk_at),
      state: row.state,
      updatedAt: Number(row.updated_at),
    }));
  }

  beforeAll(async () => {
    store = await createTestStore(kind);
    await save(CALENDARS_KIND, CALENDARS);
    await save(SLA_POLICIES_KIND, POLICIES);
    const at0 = "2026-03-01T09:00:00+01:00";
    const events: ThroughlineEvent[] = [
      { type: "team.upserted", at: at0, team: "billing" },
      ...["gold", "silver"].map(
        (tier): ThroughlineEvent => ({
          type: "customer.upserted",
          at: at0,
          customer: `cus-${tier}`,
          tier,
          segment: "smb",
          region: "emea",
        }),
      ),
      ...["gold", "silver"].flatMap((tier): ThroughlineEvent[] => [
        {
          type: "case.opened",
          at: "2026-03-06T15:00:00+01:00",
          case: `${tier}-waiting`,
          customer: `cus-${tier}`,
          channel: "email",
          category: "billing/refund",
          priority: "high",
          team: "billing",
        },
        {
          type: "case.status",
          at: "2026-03-06T15:30:00+01:00",
          case: `${tier}-waiting`,
          status: "pending_customer",
        },
      ]),
    ];
    await recordEvents(
      store.db,
      events.map((event) => ({ event, atMs: Date.parse(event.at) })),
      { createMissing: true },
    );
  });
  afterAll(() => store.dispose());

  it("recomputes nothing after an edit to a calendar no policy uses", async () => {
    const before = {
      gold: await clocksOf("gold-waiting"),
      silver: await clocksOf("silver-waiting"),
    };
    expect(before.gold.map((clock) => clock.policy)).toEqual(["gold", "gold"]);
    expect(before.silver.map((clock) => clock.policy)).toEqual(["standard", "standard"]);

    await save(CALENDARS_KIND, {
      calendars: [calendar("emea"), calendar("us"), calendar("spare", ["2026-03-09"])],
    });

    expect(await clocksOf("gold-waiting")).toEqual(before.gold);
    expect(await clocksOf("silver-waiting")).toEqual(before.silver);
  });

  it("recomputes the cases whose policy uses the edited calendar, as a full recompute would", async () => {
    const goldBefore = await clocksOf("gold-waiting");
    // Monday 9 March becomes a holiday of the standard policy's calendar.
    const savedAt = await save(CALENDARS_KIND, {
      calendars: [
        calendar("emea"),
        calendar("us", ["2026-03-09"]),
        calendar("spare", ["2026-03-09"]),
      ],
    });

    expect(await clocksOf("gold-waiting")).toEqual(goldBefore);
    const silver = await clocksOf("silver-waiting");
    expect(firstResponse(silver)).toMatchObject({ policy: "standard", updatedAt: savedAt });

    // Recomputing every open case at the same instant changes nothing more for that case.
    await store.db.transaction().execute((trx) => recomputeOpenCaseClocks(trx, savedAt));
    expect(await clocksOf("silver-waiting")).toEqual(silver);
    expect(firstResponse(await clocksOf("gold-waiting"))).toMatchObject({ updatedAt: savedAt });
  });

  it("recomputes the cases of an edited policy and those another policy applies to now", async () => {
    const goldBefore = await clocksOf("gold-waiting");
    const silverBefore = await clocksOf("silver-waiting");
    const standard = {
      ...policy("standard", 2, [], "us"),
      targets: { resolution: { minutes: 4800, time: "business" as const } },
    };
    const retargetedAt = await save(SLA_POLICIES_KIND, {
      policies: [policy("gold", 1, ["gold"], "emea"), standard],
      internal: [],
    });
    expect(await clocksOf("gold-waiting")).toEqual(goldBefore);
    // The standard policy lost its first-response target and doubled the resolution one.
    const silver = await clocksOf("silver-waiting");
    expect(silver).toMatchObject([{ clock: "resolution", updatedAt: retargetedAt }]);
    expect(silver[0]?.dueAt).toBeGreaterThan(
      silverBefore.find((clock) => clock.clock === "resolution")?.dueAt ?? Number.MAX_VALUE,
    );

    const rematchedAt = await save(SLA_POLICIES_KIND, {
      policies: [policy("gold", 1, ["gold", "silver"], "emea"), standard],
      internal: [],
    });
    // Gold's conditions changed, so its cases are recomputed too, under the same policy.
    expect(firstResponse(await clocksOf("gold-waiting"))).toMatchObject({
      policy: "gold",
      updatedAt: rematchedAt,
    });
    const withoutUpdatedAt = (clocks: Awaited<ReturnType<typeof clocksOf>>) =>
      clocks.map(({ updatedAt: _updatedAt, ...clock }) => clock);
    expect(withoutUpdatedAt(await clocksOf("silver-waiting"))).toEqual(
      withoutUpdatedAt(await clocksOf("gold-waiting")),
    );
  });

  it("reads a case whose history is not stored in the current format from the log, once", async () => {
    const tables = withSlaTables(store.db);
    const historyOf = (caseId: string) =>
      tables
        .selectFrom("sla_histories")
        .select(["format", "events"])
        .where("case_id", "=", caseId)
        .executeTakeFirst();
    const goldHistory = await historyOf("gold-waiting");
    expect(JSON.parse(goldHistory?.events ?? "null")).toEqual([
      ["case.status", Date.parse("2026-03-06T15:30:00+01:00"), { status: "pending_customer" }],
    ]);
    // As if recorded before sla_histories, and as if stored by an older format.
    await tables.deleteFrom("sla_histories").where("case_id", "=", "gold-waiting").execute();
    await tables
      .updateTable("sla_histories")
      .set({ format: 0 })
      .where("case_id", "=", "silver-waiting")
      .execute();

    saveAt += 60_000;
    await store.db.transaction().execute((trx) => recomputeOpenCaseClocks(trx, saveAt));
    expect(await historyOf("gold-waiting")).toEqual(goldHistory);
    expect(await historyOf("silver-waiting")).toEqual(goldHistory);
    const fromLog = await clocksOf("gold-waiting");
    expect(firstResponse(fromLog)).toMatchObject({ updatedAt: saveAt });

    // Recomputed again at the same instant from the stored histories: nothing changes.
    await store.db.transaction().execute((trx) => recomputeOpenCaseClocks(trx, saveAt));
    expect(await clocksOf("gold-waiting")).toEqual(fromLog);
  });

  it("keeps a history for open cases only", async () => {
    const hasHistory = async (caseId: string) =>
      (await withSlaTables(store.db)
        .selectFrom("sla_histories")
        .select("case_id")
        .where("case_id", "=", caseId)
        .executeTakeFirst()) !== undefined;
    const record = (event: ThroughlineEvent) =>
      recordEvents(store.db, [{ event, atMs: Date.parse(event.at) }], { createMissing: false });

    await record({ type: "case.resolved", at: "2026-03-09T10:00:00+01:00", case: "gold-waiting" });
    expect(await hasHistory("gold-waiting")).toBe(false);
    await record({ type: "case.reopened", at: "2026-03-09T11:00:00+01:00", case: "gold-waiting" });
    expect(await hasHistory("gold-waiting")).toBe(true);
  });
});
