import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { EXPORT_PERIOD, importExportHistory } from "../../../test/support/export-history.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { CASE_EXPORT_COLUMNS } from "./case-export.js";
import { streamFactsForExport } from "./case-export.repository.js";

const URL = "/api/v1/metrics/export";
const PERIOD = `from=${EXPORT_PERIOD.from}&to=${EXPORT_PERIOD.to}`;

/** A row with every column, unset ones null: the cases below differ from it where they say. */
const BLANK = Object.fromEntries(CASE_EXPORT_COLUMNS.map((column) => [column, null]));

/**
 * Every value worked out by hand from test/support/export-history.ts, for the week
 * [2026-03-02, 2026-03-09) UTC, judged now (long after every due time).
 */
const EXPECTED = [
  {
    ...BLANK,
    caseId: "case-0",
    customerId: "cus-b",
    channel: "email",
    category: "billing/refund",
    categoryTop: "billing",
    region: "amer",
    tier: "silver",
    segment: "enterprise",
    openedAt: "2026-02-27T09:00:00.000Z",
    openedTeam: "billing",
    // Opened before the period, first resolved in it.
    openedInPeriod: false,
    firstResponseAt: "2026-02-27T10:00:00.000Z",
    firstResponseAgent: "ann",
    firstResponseMinutes: 60,
    slaFirstResponseOutcome: "none",
    escalated: false,
    firstResolvedAt: "2026-03-02T08:00:00.000Z",
    resolvedTeam: "billing",
    resolvedAgent: "ann",
    resolvedInPeriod: true,
    // 02-27 09:00 → 03-02 08:00 = 3 days less 1 hour.
    resolutionHours: 71,
    handoffs: 0,
    reopened: false,
    // cus-b's next case (case-2) is technical, not billing.
    recontacted: false,
    fcr: true,
    workedSeconds: 0,
  },
  {
    ...BLANK,
    caseId: "case-1",
    customerId: "cus-a",
    channel: "email",
    category: "billing/refund",
    categoryTop: "billing",
    region: "emea",
    tier: "gold",
    segment: "smb",
    openedAt: "2026-03-02T09:00:00.000Z",
    openedTeam: "billing",
    openedInPeriod: true,
    // The customer's message (09:10) and the internal note (09:20) are not first responses.
    firstResponseAt: "2026-03-02T09:30:00.000Z",
    firstResponseAgent: "ann",
    firstResponseMinutes: 30,
    slaFirstResponseDueAt: "2026-03-02T10:00:00.000Z",
    slaFirstResponseOutcome: "met",
    escalated: false,
    firstResolvedAt: "2026-03-02T11:00:00.000Z",
    resolvedTeam: "billing",
    resolvedAgent: "ann",
    resolvedInPeriod: true,
    resolutionHours: 2,
    handoffs: 0,
    reopened: false,
    // case-3: same customer, billing, 03-05 10:00 — 2 days 23 hours after the resolution.
    recontacted: true,
    recontactedBy: "case-3",
    fcr: false,
    workedSeconds: 600,
    // CSAT 5 then 4: the latest answer.
    csat: 4,
    nps: 9,
  },
  {
    ...BLANK,
    caseId: "case-2",
    customerId: "cus-b",
    channel: "chat",
    category: "technical/login",
    categoryTop: "technical",
    region: "amer",
    tier: "silver",
    segment: "enterprise",
    openedAt: "2026-03-02T10:00:00.000Z",
    openedTeam: "billing",
    openedInPeriod: true,
    firstResponseAt: "2026-03-02T11:15:00.000Z",
    firstResponseAgent: "tom",
    firstResponseMinutes: 75,
    slaFirstResponseDueAt: "2026-03-02T11:00:00.000Z",
    slaFirstResponseOutcome: "missed",
    escalated: true,
    firstResolvedAt: "2026-03-03T10:00:00.000Z",
    resolvedTeam: "technical",
    resolvedAgent: "tom",
    resolvedInPeriod: true,
    resolutionHours: 24,
    handoffs: 1,
    reopened: true,
    // case-4: technical, 03-08 23:30 — 5 days 13.5 hours after the first resolution.
    recontacted: true,
    recontactedBy: "case-4",
    fcr: false,
    workedSeconds: 1500,
    ces: 3,
  },
  {
    ...BLANK,
    caseId: "case-3",
    customerId: "cus-a",
    channel: "web",
    category: "billing/invoice",
    categoryTop: "billing",
    region: "emea",
    tier: "gold",
    segment: "smb",
    openedAt: "2026-03-05T10:00:00.000Z",
    openedTeam: "billing",
    openedInPeriod: true,
    slaFirstResponseDueAt: "2026-03-05T11:00:00.000Z",
    // Unanswered and past its due time now.
    slaFirstResponseOutcome: "missed",
    escalated: false,
    resolvedInPeriod: false,
    handoffs: 0,
    workedSeconds: 0,
  },
  {
    ...BLANK,
    caseId: "case-4",
    customerId: "cus-b",
    channel: "phone",
    category: "technical/outage",
    categoryTop: "technical",
    region: "amer",
    tier: "silver",
    segment: "enterprise",
    openedAt: "2026-03-08T23:30:00.000Z",
    openedTeam: "technical",
    openedInPeriod: true,
    slaFirstResponseOutcome: "none",
    escalated: false,
    resolvedInPeriod: false,
    handoffs: 0,
    workedSeconds: 0,
  },
];

/** How a value reads back from the CSV: empty for null, JSON's text for the rest. */
function asCsvText(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value === null ? "" : String(value)]),
  );
}

function ndjsonRows(body: string): unknown[] {
  return body
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

describe.each(STORE_KINDS)("case export on %s", (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await importExportHistory(t);
  });
  afterAll(() => t.close());

  it("streams one CSV row per case opened or first resolved in the period, every KPI input", async () => {
    const response = await t.inject(`${URL}?${PERIOD}&format=csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="cases-20260302T000000Z-20260309T000000Z.csv"',
    );
    const [header] = response.body.split("\n");
    expect(header).toBe(CASE_EXPORT_COLUMNS.join(","));
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(EXPECTED.map(asCsvText));
  });

  it("answers HEAD with the headers alone", async () => {
    const response = await t.inject({ method: "HEAD", url: `${URL}?${PERIOD}&format=ndjson` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(response.body).toBe("");
  });

  it("reads the store page by page in the same order", async () => {
    const ids = async (pageSize?: number) => {
      const found: string[] = [];
      for await (const facts of streamFactsForExport(t.store.db, {
        from: Date.parse(EXPORT_PERIOD.from),
        to: Date.parse(EXPORT_PERIOD.to),
        scope: { all: true },
        ...(pageSize === undefined ? {} : { pageSize }),
      })) {
        found.push(facts.caseId);
      }
      return found;
    };
    expect(await ids(1)).toEqual(["case-0", "case-1", "case-2", "case-3", "case-4"]);
    expect(await ids(2)).toEqual(await ids());
  });

  it("defaults to CSV", async () => {
    const response = await t.inject(`${URL}?${PERIOD}`);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(parse(response.body, { columns: true })).toHaveLength(EXPECTED.length);
  });

  it("streams the same rows as NDJSON, with types: numbers, booleans and nulls", async () => {
    const response = await t.inject(`${URL}?${PERIOD}&format=ndjson`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    const rows = ndjsonRows(response.body);
    expect(rows).toEqual(EXPECTED);
    // Keys in column order, as in the CSV.
    expect(Object.keys(rows[0] as object)).toEqual([...CASE_EXPORT_COLUMNS]);
  });

  it("judges unanswered cases at asOf: pending before the due time", async () => {
    const response = await t.inject(`${URL}?${PERIOD}&format=ndjson&asOf=2026-03-05T10:30:00Z`);
    const rows = ndjsonRows(response.body) as Record<string, unknown>[];
    expect(rows.find((row) => row.caseId === "case-3")?.slaFirstResponseOutcome).toBe("pending");
    // Answered cases keep their outcome whatever asOf says.
    expect(rows.find((row) => row.caseId === "case-2")?.slaFirstResponseOutcome).toBe("missed");
  });

  it("answers an empty period with the header alone", async () => {
    const response = await t.inject(
      `${URL}?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z&format=csv`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(`${CASE_EXPORT_COLUMNS.join(",")}\n`);
  });

  it("lists only the cases in the caller's scope (their current team)", async () => {
    const lead = await t.as([{ role: "team_lead", teams: ["technical"], regions: [] }]);
    const response = await lead(`${URL}?${PERIOD}&format=ndjson`);
    expect(response.statusCode, response.body).toBe(200);
    expect(ndjsonRows(response.body).map((row) => (row as { caseId: string }).caseId)).toEqual([
      "case-2",
      "case-4",
    ]);
  });

  it("refuses callers without metrics:read", async () => {
    const agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    const response = await agent(`${URL}?${PERIOD}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("access.forbidden");
  });

  it.each([
    ["a date without time", "from=2026-03-02&to=2026-03-09T00:00:00Z", "querystring.from"],
    [
      "a time without offset",
      "from=2026-03-02T00:00:00&to=2026-03-09T00:00:00Z",
      "querystring.from",
    ],
    ["an impossible date", "from=2026-03-02T00:00:00Z&to=2026-02-30T00:00:00Z", "querystring.to"],
    ["from after to", "from=2026-03-09T00:00:00Z&to=2026-03-02T00:00:00Z", "querystring.from"],
    ["a missing to", "from=2026-03-02T00:00:00Z", "querystring.to"],
    ["an unknown format", `${PERIOD}&format=xlsx`, "querystring.format"],
    ["a bad asOf", `${PERIOD}&asOf=yesterday`, "querystring.asOf"],
    ["an unknown parameter", `${PERIOD}&team=billing`, "querystring.team"],
  ])("answers %s with 400 naming the parameter", async (_name, query, field) => {
    const response = await t.inject(`${URL}?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
  });

  it("refuses a period over the configured maximum, naming to", async () => {
    const response = await t.inject(`${URL}?from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "metrics.period_too_long",
      field: "querystring.to",
    });
  });
});
