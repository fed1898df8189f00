import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../events/event.types.js";
import { computeTeamSpells, spellMinutes } from "./team-spells.js";

const ms = (iso: string) => Date.parse(iso);
const step = (iso: string, event: Record<string, unknown>) => ({
  type: String(event.type),
  at: ms(iso),
  data: { at: iso, case: "c1", ...event } as unknown as ThroughlineEvent,
});
const opened = step("2026-03-02T09:00:00Z", {
  type: "case.opened",
  customer: "cus-1",
  channel: "email",
  category: "billing/refund",
  priority: "normal",
  team: "billing",
});

describe("computeTeamSpells", () => {
  it("splits a case's life at each handoff and ends the last spell at the resolution", () => {
    const spells = computeTeamSpells([
      opened,
      step("2026-03-02T10:30:00Z", { type: "case.handoff", from: "billing", to: "technical" }),
      step("2026-03-02T11:15:00Z", { type: "case.handoff", from: "technical", to: "billing" }),
      step("2026-03-02T12:00:00Z", { type: "case.resolved" }),
      step("2026-03-03T12:00:00Z", { type: "case.closed" }),
    ]);
    expect(spells).toEqual([
      {
        team: "billing",
        startedAt: ms("2026-03-02T09:00:00Z"),
        endedAt: ms("2026-03-02T10:30:00Z"),
      },
      {
        team: "technical",
        startedAt: ms("2026-03-02T10:30:00Z"),
        endedAt: ms("2026-03-02T11:15:00Z"),
      },
      {
        team: "billing",
        startedAt: ms("2026-03-02T11:15:00Z"),
        endedAt: ms("2026-03-02T12:00:00Z"),
      },
    ]);
    expect(spells.map((spell) => spellMinutes(spell, 0))).toEqual([90, 45, 45]);
  });

  it("counts an assignment to another team as a move and keeps the spell open after a reopen", () => {
    const spells = computeTeamSpells([
      opened,
      step("2026-03-02T09:20:00Z", { type: "case.assigned", agent: "a1", team: "technical" }),
      step("2026-03-02T09:30:00Z", { type: "case.assigned", agent: "a2", team: "technical" }),
      step("2026-03-02T10:00:00Z", { type: "case.resolved" }),
      step("2026-03-02T11:00:00Z", { type: "case.reopened" }),
    ]);
    expect(spells).toEqual([
      {
        team: "billing",
        startedAt: ms("2026-03-02T09:00:00Z"),
        endedAt: ms("2026-03-02T09:20:00Z"),
      },
      { team: "technical", startedAt: ms("2026-03-02T09:20:00Z"), endedAt: null },
    ]);
    // An open spell runs until now: 09:20 → 10:20:30 is 60.5 minutes.
    expect(spellMinutes(spells[1] as (typeof spells)[number], ms("2026-03-02T10:20:30Z"))).toBe(
      60.5,
    );
  });

  it("starts the case in the team routing chose, and moves it when routing later does", () => {
    const routed = (iso: string, team: string) =>
      step(iso, { type: "case.routed", team, priority: "normal", rule: "r" });
    const spells = computeTeamSpells([
      opened,
      // Routed at the opening instant: the case starts with technical, no empty billing spell.
      routed("2026-03-02T09:00:00Z", "technical"),
      // Re-routed after a re-categorisation: a move like a handoff.
      routed("2026-03-02T10:00:00Z", "logistics"),
      step("2026-03-02T11:00:00Z", { type: "case.resolved" }),
    ]);
    expect(spells).toEqual([
      {
        team: "technical",
        startedAt: ms("2026-03-02T09:00:00Z"),
        endedAt: ms("2026-03-02T10:00:00Z"),
      },
      {
        team: "logistics",
        startedAt: ms("2026-03-02T10:00:00Z"),
        endedAt: ms("2026-03-02T11:00:00Z"),
      },
    ]);
  });

  it("ends a case merged away without a resolution at its merge", () => {
    expect(
      computeTeamSpells([
        opened,
        step("2026-03-02T09:45:00Z", { type: "case.merged_into", into: "c0" }),
      ]),
    ).toEqual([
      {
        team: "billing",
        startedAt: ms("2026-03-02T09:00:00Z"),
        endedAt: ms("2026-03-02T09:45:00Z"),
      },
    ]);
  });
});
