import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, P } from "../../../test/fixtures/metrics/week.js";
import { createWeekApp } from "../../../test/fixtures/metrics/week-app.js";
import type { TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import * as metricFactsMigration from "../../db/migrations/20261206T1000-metric-facts.js";
import { readJobCursor } from "../../jobs/job-cursor.repository.js";
import { runPendingMetricsBackfill } from "./metric-facts.backfill.js";
import { findFactsOfCases, METRICS_BACKFILL_MARKER } from "./metric-facts.repository.js";

describe.each(STORE_KINDS)("the metrics backfill of an upgraded store on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    const created = await createWeekApp(kind);
    t = created.t;
    const report = created.report;
    expect(report.written).toBe(true);
  });
  afterAll(() => t.close());

  const scorecard = async () => {
    const response = await t.inject(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=team`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().rows;
  };

  it("derives every case's facts once, when the migration found cases in the store", async () => {
    const expected = await scorecard();
    expect(expected.map((row: { key: string }) => row.key)).toEqual(["billing", "tech"]);
    // The store as it was before this version: no facts table. Migrating it again finds cases
    // and leaves the marker.
    const untyped = t.store.db as unknown as Kysely<unknown>;
    await metricFactsMigration.down(untyped);
    await metricFactsMigration.up(untyped);
    expect(await readJobCursor(t.store.db, METRICS_BACKFILL_MARKER)).toBe(0);
    const ids = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"];
    expect((await findFactsOfCases(t.store.db, ids)).size).toBe(0);

    const report = await runPendingMetricsBackfill(t.store.db);
    expect(report).toMatchObject({ cases: 9, changed: 9 });
    expect(await readJobCursor(t.store.db, METRICS_BACKFILL_MARKER)).toBeUndefined();
    expect((await findFactsOfCases(t.store.db, ids)).size).toBe(9);
    expect(await scorecard()).toEqual(expected);
    // Once only.
    expect(await runPendingMetricsBackfill(t.store.db)).toBeUndefined();
  });
});
