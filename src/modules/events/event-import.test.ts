import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { getAgent } from "../agents/agent.repository.js";
import { getCase } from "../cases/case.repository.js";
import { getTeam } from "../teams/team.repository.js";
import { countEvents } from "./event.repository.js";
import { importEvents } from "./event-import.js";

const lines = (...events: unknown[]) =>
  events.map((e) => (typeof e === "string" ? e : JSON.stringify(e)));

const team = { id: "ev-team", type: "team.upserted", at: "2026-03-01T08:00:00Z", team: "billing" };
const customer = {
  id: "ev-cus",
  type: "customer.upserted",
  at: "2026-03-01T08:00:00Z",
  customer: "cus-1",
  tier: "gold",
  segment: "smb",
  region: "emea",
};
const opened = {
  id: "ev-open",
  type: "case.opened",
  at: "2026-03-01T09:00:00Z",
  case: "case-1",
  customer: "cus-1",
  channel: "chat",
  category: "billing/refund",
  priority: "normal",
  team: "billing",
};
const assigned = {
  id: "ev-assign",
  type: "case.assigned",
  at: "2026-03-01T09:05:00Z",
  case: "case-1",
  agent: "agt-1",
};
const resolved = {
  id: "ev-resolve",
  type: "case.resolved",
  at: "2026-03-01T10:00:00+01:00",
  case: "case-1",
};

describe.each(STORE_KINDS)("importEvents on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(kind);
  });
  afterEach(() => store.dispose());

  const run = (input: string[], options: Partial<Parameters<typeof importEvents>[2]> = {}) =>
    importEvents(store.db, input, {
      skipInvalid: false,
      strict: false,
      actor: SYSTEM_ACTORS.cli,
      ...options,
    });

  it("imports lines in any order, creates what they name, and reports it", async () => {
    // Out of time order on purpose: resolution first, opening last.
    const report = await run(lines(resolved, assigned, customer, team, opened));
    expect(report).toMatchObject({ lines: 5, valid: 5, invalid: 0, imported: 5, written: true });
    expect(report.created).toEqual({ teams: [], agents: ["agt-1"], customers: [] });
    expect(await getCase(store.db, "case-1")).toMatchObject({
      status: "resolved",
      agentId: "agt-1",
      firstResolvedAt: Date.parse("2026-03-01T09:00:00Z"),
    });
    expect(await getAgent(store.db, "agt-1")).toMatchObject({ name: "agt-1", teamId: "billing" });
  });

  it("is idempotent: importing the same file twice changes nothing", async () => {
    const file = lines(team, customer, opened, assigned, resolved);
    await run(file);
    const before = await countEvents(store.db);
    const again = await run(file);
    expect(again).toMatchObject({ imported: 0, duplicates: 5, invalid: 0, written: true });
    expect(await countEvents(store.db)).toBe(before);
  });

  it("writes nothing when any line is invalid, and names each bad line and field", async () => {
    const report = await run(
      lines(
        team,
        customer,
        opened,
        "{not json",
        { ...assigned, id: "bad-1", agent: 7 },
        { type: "case.exploded", at: "2026-03-01T09:00:00Z" },
        { ...resolved, id: "bad-2", case: "case-unknown" },
        { ...assigned, id: "bad-3", at: "2026-02-28T09:00:00Z" },
        "",
        { ...opened, id: "bad-4", channel: "fax", case: "case-2" },
        { ...resolved, id: "bad-5", case: "case-2" },
      ),
    );
    expect(report.written).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([
      { line: 4, reason: "not valid JSON" },
      { line: 5, field: "agent", reason: expect.stringMatching(/string/) },
      { line: 6, field: "type", reason: 'unknown event type "case.exploded"' },
      {
        line: 7,
        field: "case",
        reason: 'case "case-unknown" is neither in the store nor opened in the file',
      },
      { line: 8, field: "at", reason: 'is before case "case-1" was opened' },
      { line: 10, field: "channel", reason: "must be one of email, chat, phone, web, social, api" },
      {
        line: 11,
        field: "case",
        reason: 'case "case-2" is neither in the store nor opened in the file',
      },
    ]);
    expect(await countEvents(store.db)).toBe(0);
    expect(await getTeam(store.db, "billing")).toBeUndefined();
  });

  it("imports the valid lines with skipInvalid", async () => {
    const report = await run(lines(team, customer, opened, { ...assigned, agent: 7 }, resolved), {
      skipInvalid: true,
    });
    expect(report).toMatchObject({ imported: 4, invalid: 1, written: true });
    expect(await getCase(store.db, "case-1")).toMatchObject({ status: "resolved", agentId: null });
  });

  it("rejects unknown references with strict, and a reused id with other content", async () => {
    const strict = await run(lines(customer, opened, assigned), { strict: true });
    expect(strict.written).toBe(false);
    expect(strict.errors).toEqual([
      { line: 2, field: "team", reason: 'team "billing" does not exist (--strict)' },
      { line: 3, field: "agent", reason: 'agent "agt-1" does not exist (--strict)' },
    ]);
    const dependent = await run(lines(customer, opened, resolved), { strict: true });
    expect(dependent.errors).toContainEqual({
      line: 3,
      field: "case",
      reason: 'case "case-1" is opened by an invalid line',
    });
    const reused = await run(lines(team, { ...team, name: "Other" }));
    expect(reused.errors).toEqual([
      { line: 2, field: "id", reason: 'id "ev-team" is used by a different event on line 1' },
    ]);
  });

  it("rejects a second opening of a case", async () => {
    await run(lines(team, customer, opened));
    const report = await run(lines({ ...opened, id: "ev-open-2" }));
    expect(report.errors).toEqual([
      { line: 1, field: "case", reason: 'case "case-1" is already opened in the store' },
    ]);
  });

  describe("the case lifecycle", () => {
    const event = (id: string, type: string, at: string, extra: object = {}) => ({
      id,
      type,
      at,
      case: "case-1",
      ...extra,
    });
    // `resolved` is at 09:00Z, the opening's instant.
    const closed = event("ev-close", "case.closed", "2026-03-03T09:00:00Z");
    const reopenedAfterClose = event("ev-reopen", "case.reopened", "2026-03-04T09:00:00Z");

    it("reports a line that breaks the lifecycle with the case's state, and writes nothing", async () => {
      const report = await run(
        lines(team, customer, opened, resolved, reopenedAfterClose, assigned, closed),
      );
      expect(report).toMatchObject({ valid: 6, invalid: 1, imported: 0, written: false });
      expect(report.errors).toEqual([
        {
          line: 5,
          field: "type",
          reason: 'case "case-1" is closed; case.reopened needs resolved within 14 days',
        },
      ]);
      expect(await countEvents(store.db)).toBe(0);
    });

    it("checks the rest of the case without a refused line under skipInvalid", async () => {
      const secondResolution = event("ev-resolve-2", "case.resolved", "2026-03-02T09:00:00Z");
      const report = await run(lines(team, customer, opened, resolved, secondResolution, closed), {
        skipInvalid: true,
      });
      expect(report).toMatchObject({ invalid: 1, imported: 5, written: true });
      expect(report.errors).toEqual([
        {
          line: 5,
          field: "type",
          reason:
            'case "case-1" is resolved; case.resolved needs new, open, pending_customer or pending_internal',
        },
      ]);
      expect(await getCase(store.db, "case-1")).toMatchObject({
        status: "closed",
        resolvedAt: Date.parse("2026-03-01T09:00:00Z"),
      });
    });

    it("starts from the case in the store, and reports a reopen after the window", async () => {
      await run(lines(team, customer, opened, resolved));
      const report = await run(
        lines(event("ev-reopen-late", "case.reopened", "2026-03-16T09:00:00Z")),
      );
      expect(report.errors).toEqual([
        {
          line: 1,
          field: "type",
          reason:
            'case "case-1" has been resolved for 15 days; case.reopened needs resolved within 14 days',
        },
      ]);
      expect(await getCase(store.db, "case-1")).toMatchObject({ status: "resolved" });
    });

    it("replays the stored history for a late line: a legal one is imported and re-folded", async () => {
      await run(
        lines(team, customer, opened, event("ev-r", "case.resolved", "2026-03-01T12:00:00Z")),
      );
      const waiting = event("ev-wait", "case.status", "2026-03-01T10:00:00Z", {
        status: "pending_customer",
      });
      const report = await run(lines(waiting));
      expect(report).toMatchObject({ invalid: 0, imported: 1, written: true });
      expect(await getCase(store.db, "case-1")).toMatchObject({
        status: "resolved",
        lastEventAt: Date.parse("2026-03-01T12:00:00Z"),
      });
    });

    it("reports a late line that makes the stored history illegal", async () => {
      await run(
        lines(team, customer, opened, event("ev-r", "case.resolved", "2026-03-01T12:00:00Z")),
      );
      const earlier = event("ev-r0", "case.resolved", "2026-03-01T11:00:00Z");
      const report = await run(lines(earlier));
      expect(report).toMatchObject({ invalid: 1, imported: 0, written: false });
      expect(report.errors).toEqual([
        {
          line: 1,
          field: "type",
          reason:
            'case "case-1" is resolved; case.resolved needs new, open, pending_customer or pending_internal (the event recorded at 2026-03-01T12:00:00.000Z, after this line)',
        },
      ]);
    });
  });
});
