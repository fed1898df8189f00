import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { countEvents } from "../events/event.repository.js";
import { importEvents } from "../events/event-import.js";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

describe.each(STORE_KINDS)("case links, merges and recontacts on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const openCase = async (id: string, overrides: Record<string, unknown> = {}) => {
    const opened = await send("POST", "/api/v1/cases", buildCase({ id, ...overrides }));
    expect(opened.statusCode, opened.body).toBe(201);
  };
  const linksOf = async (id: string) => (await send("GET", `/api/v1/cases/${id}`)).json().links;

  async function expectRefused(url: string, payload: object, status: number) {
    const before = await countEvents(t.store.db);
    const refused = await send("POST", url, payload);
    expect(refused.statusCode, refused.body).toBe(status);
    expect(await countEvents(t.store.db)).toBe(before);
    return refused.json().error;
  }

  /** NDJSON lines of a case opened at `openedAt` (and resolved at `resolvedAt`), imported. */
  function caseLines(id: string, customer: string, openedAt: number, resolvedAt?: number) {
    const lines = [
      {
        id: `${id}-opened`,
        type: "case.opened",
        at: new Date(openedAt).toISOString(),
        case: id,
        customer,
        channel: "email",
        category: "billing/refund",
        priority: "normal",
        team: "billing",
      },
    ];
    if (resolvedAt !== undefined) {
      lines.push({
        id: `${id}-resolved`,
        type: "case.resolved",
        at: new Date(resolvedAt).toISOString(),
        case: id,
      } as (typeof lines)[number]);
    }
    return lines.map((line) => JSON.stringify(line));
  }
  async function importLines(lines: string[]) {
    const report = await importEvents(t.store.db, lines, {
      skipInvalid: false,
      strict: false,
      actor: SYSTEM_ACTORS.cli,
    });
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(true);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await send("POST", "/api/v1/teams", buildTeam())).statusCode).toBe(201);
    for (const id of ["cus-1", "cus-2"]) {
      expect((await send("POST", "/api/v1/customers", buildCustomer({ id }))).statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it("links a case to another, shown on both sides", async () => {
    await openCase("parent");
    await openCase("child");
    const linked = await send("POST", "/api/v1/cases/child/links", {
      kind: "child_of",
      target: "parent",
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().links).toEqual([
      { kind: "child_of", caseId: "parent", direction: "outgoing", source: "manual" },
    ]);
    expect(await linksOf("parent")).toEqual([
      { kind: "child_of", caseId: "child", direction: "incoming", source: "manual" },
    ]);
    const events = (await send("GET", "/api/v1/cases/child/events")).json().items;
    expect(events.at(-1)).toMatchObject({
      type: "case.linked",
      data: { kind: "child_of", target: "parent" },
    });
  });

  it("refuses links to itself, to an unknown case and repeated links, writing nothing", async () => {
    expect(
      await expectRefused(
        "/api/v1/cases/child/links",
        { kind: "duplicate_of", target: "child" },
        400,
      ),
    ).toMatchObject({ code: "request.invalid", field: "body.target" });
    expect(
      await expectRefused(
        "/api/v1/cases/child/links",
        { kind: "duplicate_of", target: "ghost" },
        404,
      ),
    ).toMatchObject({ code: "case.not_found", field: "body.target" });
    expect(
      await expectRefused("/api/v1/cases/child/links", { kind: "child_of", target: "parent" }, 400),
    ).toMatchObject({ code: "request.invalid", field: "body.target" });
    expect(
      await expectRefused(
        "/api/v1/cases/child/links",
        { kind: "sibling_of", target: "parent" },
        400,
      ),
    ).toMatchObject({ field: "body.kind" });
  });

  it("merges a case into another: the survivor keeps both histories, the other is closed", async () => {
    await openCase("survivor");
    await openCase("absorbed");
    await send("POST", "/api/v1/cases/absorbed/status", { status: "pending_internal" });
    const merged = await send("POST", "/api/v1/cases/survivor/merge", { merged: "absorbed" });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      id: "survivor",
      status: "new",
      mergedInto: null,
      links: [{ kind: "merged_into", caseId: "absorbed", direction: "incoming", source: "manual" }],
    });
    const other = (await send("GET", "/api/v1/cases/absorbed")).json();
    expect(other).toMatchObject({
      status: "closed",
      mergedInto: "survivor",
      links: [{ kind: "merged_into", caseId: "survivor", direction: "outgoing", source: "manual" }],
    });
    const events = (await send("GET", "/api/v1/cases/survivor/events")).json().items;
    expect(
      events.map((event: { type: string; caseId: string }) => [event.caseId, event.type]),
    ).toEqual([
      ["survivor", "case.opened"],
      ["absorbed", "case.opened"],
      ["absorbed", "case.status"],
      ["survivor", "case.merged"],
      ["absorbed", "case.merged_into"],
    ]);
    const audit = (await send("GET", "/api/v1/audit?action=case.merge_into")).json();
    expect(audit.items?.[0]).toMatchObject({ targetId: "absorbed" });
  });

  it("refuses merging into itself, a closed or merged case, or across customers, writing nothing", async () => {
    await openCase("keeper");
    await openCase("foreign", { customer: "cus-2" });
    await openCase("done");
    await send("POST", "/api/v1/cases/done/resolve", {});
    await send("POST", "/api/v1/cases/done/close", {});
    expect(
      await expectRefused("/api/v1/cases/keeper/merge", { merged: "keeper" }, 400),
    ).toMatchObject({ code: "request.invalid", field: "body.merged" });
    expect(
      await expectRefused("/api/v1/cases/keeper/merge", { merged: "foreign" }, 400),
    ).toMatchObject({
      code: "request.invalid",
      field: "body.merged",
      message: expect.stringContaining("another customer"),
    });
    expect(
      await expectRefused("/api/v1/cases/keeper/merge", { merged: "done" }, 400),
    ).toMatchObject({
      field: "body.merged",
    });
    expect(
      await expectRefused("/api/v1/cases/keeper/merge", { merged: "absorbed" }, 400),
    ).toMatchObject({ field: "body.merged" });
    expect(
      await expectRefused("/api/v1/cases/done/merge", { merged: "keeper" }, 400),
    ).toMatchObject({
      field: "params.id",
    });
    expect(
      await expectRefused("/api/v1/cases/absorbed/merge", { merged: "keeper" }, 400),
    ).toMatchObject({ field: "params.id" });
    expect(
      await expectRefused("/api/v1/cases/keeper/merge", { merged: "ghost" }, 404),
    ).toMatchObject({
      code: "case.not_found",
      field: "body.merged",
    });
  });

  it("links a recontact opened 6 days 23 hours after a resolution, not one 7 days 1 hour after", async () => {
    const resolvedAt = Date.parse("2026-02-02T10:00:00Z");
    await importLines([
      ...caseLines("rc-first", "cus-2", resolvedAt - 2 * HOUR_MS, resolvedAt),
      ...caseLines("rc-inside", "cus-2", resolvedAt + 6 * DAY_MS + 23 * HOUR_MS),
    ]);
    await importLines(caseLines("rc-outside", "cus-2", resolvedAt + 7 * DAY_MS + HOUR_MS));
    expect(await linksOf("rc-inside")).toEqual([
      { kind: "recontact_of", caseId: "rc-first", direction: "outgoing", source: "auto" },
    ]);
    expect(await linksOf("rc-outside")).toEqual([]);
    expect(await linksOf("rc-first")).toEqual([
      { kind: "recontact_of", caseId: "rc-inside", direction: "incoming", source: "auto" },
    ]);
  });

  it("finds a recontact whose earlier case arrives later, and relinks when the window changes", async () => {
    const resolvedAt = Date.parse("2026-01-05T10:00:00Z");
    // The later case is in the store first; the earlier one and its resolution come in later.
    await importLines(caseLines("ooo-later", "cus-1", resolvedAt + 2 * DAY_MS));
    expect(await linksOf("ooo-later")).toEqual([]);
    await importLines(caseLines("ooo-earlier", "cus-1", resolvedAt - DAY_MS, resolvedAt));
    expect(await linksOf("ooo-later")).toEqual([
      { kind: "recontact_of", caseId: "ooo-earlier", direction: "outgoing", source: "auto" },
    ]);

    const saved = await send("PUT", "/api/v1/case-rules", {
      document: { reopenWindowDays: 14, recontactWindowDays: 1 },
    });
    expect(saved.statusCode).toBe(200);
    await importLines(caseLines("ooo-third", "cus-1", resolvedAt + 2 * DAY_MS + HOUR_MS));
    expect(await linksOf("ooo-third")).toEqual([]);
    // The save relinked what was there: the two-day-later case is no longer a recontact either.
    expect(await linksOf("ooo-later")).toEqual([]);
    // And widening the window again links both back, without any new write to those cases.
    await send("PUT", "/api/v1/case-rules", {
      document: { reopenWindowDays: 14, recontactWindowDays: 7 },
    });
    expect(await linksOf("ooo-later")).toEqual([
      { kind: "recontact_of", caseId: "ooo-earlier", direction: "outgoing", source: "auto" },
    ]);
    expect(await linksOf("ooo-third")).toEqual([
      { kind: "recontact_of", caseId: "ooo-earlier", direction: "outgoing", source: "auto" },
    ]);
  });
});
