/**
 * The alert list, an alert and its acknowledgement are narrowed to the caller's metrics scope as
 * the notifications are (alert-recipients.ts): a lead of one team sees the alerts on that team's
 * slice and its agents' slices, a regional manager those of their region, and only an
 * unrestricted reader the workspace-wide ones. An alert out of scope reads as not found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { recordChecked } from "../../../test/support/record.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { insertOpenAlert } from "./alert.repository.js";
import { alertSlicesCovered } from "./alert-recipients.js";

const T0 = Date.UTC(2026, 2, 2, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const SLICES = [
  { dim: "all", key: "all" },
  { dim: "team", key: "billing" },
  { dim: "team", key: "technical" },
  { dim: "agent", key: "ag-billing" },
  { dim: "agent", key: "ag-technical" },
  { dim: "region", key: "emea" },
  { dim: "region", key: "apac" },
  { dim: "channel", key: "email" },
];
const idOf = (slice: { dim: string; key: string }) => `alert:volume:${slice.dim}=${slice.key}`;

describe("alertSlicesCovered", () => {
  it("covers team slices of team-only grants and region slices of region-only grants", () => {
    expect(alertSlicesCovered({ all: true })).toBe("all");
    expect(
      alertSlicesCovered({
        all: false,
        within: [
          { teams: ["billing"], regions: [] },
          { teams: [], regions: ["emea"] },
          // A slice lies in a team or in a region, never both: this grant covers no slice.
          { teams: ["technical"], regions: ["apac"] },
        ],
      }),
    ).toEqual({ teams: ["billing"], regions: ["emea"] });
  });
});

describe.each(STORE_KINDS)("alert scope on %s", (kind) => {
  let t: TestApp;
  let lead: Awaited<ReturnType<TestApp["as"]>>;
  let regional: Awaited<ReturnType<TestApp["as"]>>;
  let narrow: Awaited<ReturnType<TestApp["as"]>>;
  let analyst: Awaited<ReturnType<TestApp["as"]>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await recordChecked(t.store.db, [
      { type: "team.upserted", id: "t1", at: iso(T0), team: "billing", name: "Billing" },
      { type: "team.upserted", id: "t2", at: iso(T0), team: "technical", name: "Technical" },
      { type: "agent.upserted", id: "a1", at: iso(T0), agent: "ag-billing", team: "billing" },
      { type: "agent.upserted", id: "a2", at: iso(T0), agent: "ag-technical", team: "technical" },
    ]);
    for (const [index, slice] of SLICES.entries()) {
      await insertOpenAlert(t.store.db, {
        id: idOf(slice),
        ruleId: "volume",
        metric: "casesOpened",
        dim: slice.dim,
        key: slice.key,
        bucket: "hour",
        bucketStart: T0,
        direction: "up",
        severity: "warning",
        value: 6,
        expected: 1,
        lower: 0,
        upper: 3,
        link: "/api/v1/metrics/cases?metric=casesOpened",
        raisedAt: T0 + index * 1000,
        openSlot: `volume ${slice.dim} ${slice.key}`,
      });
    }
    lead = await t.as([{ role: "team_lead", teams: ["billing"], regions: [] }]);
    regional = await t.as([{ role: "ops_manager", teams: [], regions: ["emea"] }]);
    narrow = await t.as([{ role: "ops_manager", teams: ["technical"], regions: ["apac"] }]);
    analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const listed = async (inject: TestApp["inject"], query = "") => {
    const response = await inject(`/api/v1/alerts?limit=100${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response
      .json()
      .items.map((item: { id: string }) => item.id)
      .sort();
  };

  it("lists every alert to an unrestricted reader", async () => {
    expect(await listed(t.inject)).toEqual(SLICES.map(idOf).sort());
    expect(await listed(analyst)).toEqual(SLICES.map(idOf).sort());
  });

  it("lists a team lead the alerts of their team and its agents only", async () => {
    expect(await listed(lead)).toEqual(
      [idOf({ dim: "team", key: "billing" }), idOf({ dim: "agent", key: "ag-billing" })].sort(),
    );
    // Paging and filters keep the narrowing.
    const first = (await lead("/api/v1/alerts?limit=1")).json();
    expect(first.items).toHaveLength(1);
    const second = (await lead(`/api/v1/alerts?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(await listed(lead, "&metric=csat")).toEqual([]);
  });

  it("lists a regional manager their region's alerts, and a team-and-region grant none", async () => {
    expect(await listed(regional)).toEqual([idOf({ dim: "region", key: "emea" })]);
    expect(await listed(narrow)).toEqual([]);
  });

  it("answers not found for one alert out of scope, and refuses to acknowledge it", async () => {
    const url = (slice: { dim: string; key: string }) =>
      `/api/v1/alerts/${encodeURIComponent(idOf(slice))}`;
    expect((await lead(url({ dim: "agent", key: "ag-billing" }))).statusCode).toBe(200);
    for (const slice of [
      { dim: "all", key: "all" },
      { dim: "agent", key: "ag-technical" },
      { dim: "region", key: "emea" },
    ]) {
      const response = await lead(url(slice));
      expect(response.statusCode, slice.key).toBe(404);
      expect(response.json().error).toMatchObject({ code: "alert.not_found", field: "params.id" });
    }
    const refused = await lead({
      method: "POST",
      url: `${url({ dim: "all", key: "all" })}/acknowledge`,
    });
    expect(refused.statusCode).toBe(404);
    const own = await lead({
      method: "POST",
      url: `${url({ dim: "team", key: "billing" })}/acknowledge`,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().acknowledgedAt).not.toBeNull();
    const untouched = (await t.inject(url({ dim: "all", key: "all" }))).json();
    expect(untouched.acknowledgedAt).toBeNull();
  });
});
