import { describe, expect, it } from "vitest";
import { detectRecontacts, type RecontactCandidate } from "./case-links.js";
import { DAY_MS } from "./case-rules.js";

const HOUR_MS = 60 * 60 * 1000;
const resolvedAt = Date.parse("2026-03-01T10:00:00Z");
const earlier: RecontactCandidate = {
  id: "first",
  customerId: "cus-1",
  categoryTop: "billing",
  openedAt: resolvedAt - 2 * HOUR_MS,
  resolutions: [resolvedAt],
};
const later = (
  id: string,
  afterResolution: number,
  overrides: Partial<RecontactCandidate> = {},
) => ({
  id,
  customerId: "cus-1",
  categoryTop: "billing",
  openedAt: resolvedAt + afterResolution,
  resolutions: [],
  ...overrides,
});

describe("detectRecontacts", () => {
  it("links a case opened 6 days 23 hours after a resolution, not one opened 7 days 1 hour after", () => {
    const links = detectRecontacts(
      [earlier, later("inside", 6 * DAY_MS + 23 * HOUR_MS), later("outside", 7 * DAY_MS + HOUR_MS)],
      7 * DAY_MS,
    );
    expect(links).toEqual([
      {
        caseId: "inside",
        kind: "recontact_of",
        targetId: "first",
        source: "auto",
        createdAt: resolvedAt + 6 * DAY_MS + 23 * HOUR_MS,
      },
    ]);
  });

  it("needs the same customer and top-level category, and a resolution before the opening", () => {
    const links = detectRecontacts(
      [
        earlier,
        later("other-customer", DAY_MS, { customerId: "cus-2" }),
        later("other-category", DAY_MS, { categoryTop: "technical" }),
        { ...earlier, id: "opened-before", openedAt: resolvedAt - HOUR_MS, resolutions: [] },
      ],
      7 * DAY_MS,
    );
    expect(links).toEqual([]);
  });

  it("picks the case resolved last, and counts every resolution of a reopened case", () => {
    const reopened: RecontactCandidate = {
      ...earlier,
      id: "reopened",
      resolutions: [resolvedAt - DAY_MS, resolvedAt + DAY_MS],
    };
    const links = detectRecontacts([earlier, reopened, later("new", 2 * DAY_MS)], 7 * DAY_MS);
    expect(links.map((link) => [link.caseId, link.targetId])).toEqual([["new", "reopened"]]);
  });
});
