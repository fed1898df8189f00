import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "../metrics/case-facts.js";
import { CASE_EXPORT_COLUMNS, toCaseExportRow } from "./case-export.js";

const at = (iso: string) => Date.parse(iso);

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseId: "c1",
    customerId: "cus-1",
    channel: "chat",
    category: "billing/refund",
    categoryTop: "billing",
    region: "emea",
    tier: "gold",
    segment: "smb",
    openedAt: at("2026-03-02T09:00:00Z"),
    openedTeam: "billing",
    firstResponseAt: null,
    firstResponseAgent: null,
    escalated: false,
    firstResponseDueAt: at("2026-03-02T10:00:00Z"),
    firstResolvedAt: null,
    resolvedTeam: null,
    resolvedAgent: null,
    reopened: false,
    recontactedBy: null,
    handoffs: [],
    worked: [],
    surveys: [],
    backlog: [
      { from: at("2026-03-02T09:00:00Z"), until: null, team: "billing", agent: "unassigned" },
    ],
    ...overrides,
  };
}

const WEEK = { from: at("2026-03-02T00:00:00Z"), to: at("2026-03-09T00:00:00Z") };

describe("toCaseExportRow", () => {
  it("leaves resolution flags null while the case was never resolved", () => {
    const row = toCaseExportRow(facts(), { ...WEEK, asOf: at("2026-03-02T09:30:00Z") });
    expect(row).toMatchObject({
      openedInPeriod: true,
      resolvedInPeriod: false,
      firstResponseMinutes: null,
      resolutionHours: null,
      reopened: null,
      recontacted: null,
      fcr: null,
      slaFirstResponseOutcome: "pending",
      workedSeconds: 0,
    });
    // Judged after the due time, the same unanswered case has missed it.
    expect(
      toCaseExportRow(facts(), { ...WEEK, asOf: at("2026-03-02T10:00:00.001Z") })
        .slaFirstResponseOutcome,
    ).toBe("missed");
  });

  it("counts a first response exactly at the due time as met, and sums the work", () => {
    const row = toCaseExportRow(
      facts({
        firstResponseAt: at("2026-03-02T10:00:00Z"),
        firstResponseAgent: "ann",
        firstResolvedAt: at("2026-03-09T00:00:00Z"),
        resolvedTeam: "billing",
        resolvedAgent: "ann",
        worked: [
          { at: at("2026-03-02T10:00:00Z"), seconds: 90, team: "billing", agent: "ann" },
          { at: at("2026-03-03T10:00:00Z"), seconds: 30.5, team: "billing", agent: "ann" },
        ],
      }),
      { ...WEEK, asOf: at("2026-12-01T00:00:00Z") },
    );
    expect(row).toMatchObject({
      firstResponseMinutes: 60,
      slaFirstResponseOutcome: "met",
      // Resolved exactly at the period's end: outside [from, to).
      resolvedInPeriod: false,
      resolutionHours: 159,
      fcr: true,
      workedSeconds: 120.5,
    });
  });

  it("takes each survey kind's latest answer", () => {
    const survey = (iso: string, kind: "csat" | "nps" | "ces", score: number) => ({
      at: at(iso),
      kind,
      score,
      team: "billing",
      agent: "ann",
    });
    const row = toCaseExportRow(
      facts({
        surveys: [
          survey("2026-03-02T12:00:00Z", "nps", 3),
          survey("2026-03-02T12:01:00Z", "csat", 2),
          survey("2026-03-04T12:00:00Z", "nps", 10),
        ],
      }),
      { ...WEEK, asOf: WEEK.to },
    );
    expect([row.csat, row.nps, row.ces]).toEqual([2, 10, null]);
  });
});

describe("docs/exports.md", () => {
  it("defines every column, in file order", () => {
    const doc = fs.readFileSync(new URL("../../../docs/exports.md", import.meta.url), "utf8");
    const table = doc.slice(doc.indexOf("## Columns"), doc.indexOf("## Recomputing"));
    const documented = [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]);
    expect(documented).toEqual([...CASE_EXPORT_COLUMNS]);
  });
});
