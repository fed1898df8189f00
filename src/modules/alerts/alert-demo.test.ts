/**
 * The default alert rules on the default demo (90 days, seed 42, scale 1: what `npm start`
 * serves): the alerts job's first run evaluates the whole history once, and every alert it raises
 * belongs to one of the demo's two episodes, the four-day promotion (days 55–58) and the faulty
 * release (three days from day 70), while ordinary days raise none. Slow (the demo is seeded in
 * full, a couple of minutes), so it runs on SQLite only: the rules are the same on PostgreSQL.
 *
 * Episode windows allow for how each KPI anchors its cases: a recontact counts against the day
 * of the first resolution up to seven days before the new case, so a surge shows in the
 * recontact rate of the days before it; resolutions, reopens and surveys of the surge's cases
 * trail it by days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, type TestStore } from "../../../test/support/stores.js";
import { seedDemoWorkspace } from "../demo/demo.service.js";
import type { DemoEpisode } from "../demo/simulator.js";
import { type Alert, DAY_MS, HOUR_MS } from "./alert.js";
import { listAlerts } from "./alert.repository.js";
import { runAlerts } from "./alert-runner.service.js";

const END = new Date(Date.UTC(2026, 10, 30));

describe("the default alert rules on the demo", () => {
  let store: TestStore;
  let episodes: DemoEpisode[];
  let alerts: Alert[];
  let firstRun: Awaited<ReturnType<typeof runAlerts>>;

  beforeAll(async () => {
    store = await createTestStore("sqlite");
    const seeded = await seedDemoWorkspace(store.db, { days: 90, seed: 42, scale: 1, end: END });
    episodes = seeded.summary.episodes;
    firstRun = await runAlerts(store.db, { now: END.getTime() + 9 * HOUR_MS });
    alerts = await listAlerts(store.db, { limit: 500 });
  }, 900_000);
  afterAll(() => store.close());

  const episode = (kind: DemoEpisode["kind"]) => {
    const found = episodes.find((item) => item.kind === kind);
    if (!found) throw new Error(`the demo has no ${kind}`);
    return { from: Date.parse(found.from), to: Date.parse(found.to) };
  };
  const within = (alert: Alert, window: { from: number; to: number }) =>
    alert.bucketStart >= window.from && alert.bucketStart < window.to;

  it("raises alerts for the promotion's case volume, backlog and slower answers", () => {
    const promotion = episode("promotion");
    const during = alerts.filter((alert) => within(alert, promotion));
    const rules = new Set(during.map((alert) => alert.ruleId));
    expect([...rules]).toEqual(
      expect.arrayContaining([
        "case-volume",
        "category-volume",
        "backlog-growth",
        "first-response-slow",
      ]),
    );
    // Every day of the promotion has its volume alert (each ends at night, when volume is low).
    const volumeDays = new Set(
      during
        .filter((alert) => alert.ruleId === "case-volume")
        .map((alert) => Math.floor((alert.bucketStart - promotion.from) / DAY_MS)),
    );
    expect([...volumeDays].sort()).toEqual([0, 1, 2, 3]);
    const categories = new Set(
      during.filter((alert) => alert.ruleId === "category-volume").map((alert) => alert.key),
    );
    expect([...categories].sort()).toEqual(["billing", "orders"]);
  });

  it("raises alerts for the faulty release on the categories it breaks", () => {
    const release = episode("regression");
    const after = alerts.filter((alert) =>
      within(alert, { from: release.from - DAY_MS, to: release.to + 8 * DAY_MS }),
    );
    const found = new Set(after.map((alert) => `${alert.ruleId} ${alert.key}`));
    expect([...found]).toEqual(
      expect.arrayContaining([
        "category-volume technical",
        "reopen-rise technical",
        "reopen-rise account",
        "csat-drop technical",
        "recontact-rise technical",
      ]),
    );
    expect(after.every((alert) => ["technical", "account", "all"].includes(alert.key))).toBe(true);
  });

  it("raises nothing on ordinary days", () => {
    const promotion = episode("promotion");
    const release = episode("regression");
    const ordinary = alerts.filter(
      (alert) =>
        !within(alert, { from: promotion.from - 7 * DAY_MS, to: promotion.to + 4 * DAY_MS }) &&
        !within(alert, { from: release.from - DAY_MS, to: release.to + 8 * DAY_MS }),
    );
    expect(ordinary.map((alert) => alert.id)).toEqual([]);
    expect(firstRun.raised).toBe(alerts.length);
    expect(alerts.length).toBeLessThan(40);
  });

  it("evaluates the history once: the next run raises nothing", async () => {
    expect(await runAlerts(store.db, { now: END.getTime() + 9 * HOUR_MS + 60_000 })).toMatchObject({
      raised: 0,
      resolved: 0,
    });
    expect(await runAlerts(store.db, { now: END.getTime() + 10 * HOUR_MS })).toMatchObject({
      raised: 0,
    });
  });
});
