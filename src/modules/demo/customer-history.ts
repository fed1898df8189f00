/**
 * What the demo knows of each customer's past cases as the simulation goes, for the history counts
 * routing rules look at (`customer.openCases`, `customer.casesLast30Days`,
 * `customer.recentRecontacts`: src/modules/routing/routing-subject.ts). Cases are simulated in the
 * order they are opened and each one's whole life is drafted before the next, so at any opening
 * the counts are what the store would hold at that instant. Recontacts are found as the store
 * derives them (src/modules/cases/case-links.ts): same customer, same top-level category, opened
 * within the recontact window after an earlier case's resolution.
 */
import { RECENT_HISTORY_MS } from "../routing/routing-subject.js";
import { topLevelOf } from "./demo-categories.js";
import { demoCaseRules } from "./demo-settings.js";
import type { EventDraft } from "./event-draft.js";

const DAY_MS = 86_400_000;
const RECONTACT_WINDOW_MS = demoCaseRules().recontactWindowDays * DAY_MS;

export interface HistoryCounts {
  openCases: number;
  casesLast30Days: number;
  recentRecontacts: number;
}

interface PastCase {
  caseId: string;
  openedAtMs: number;
  /** The top level of the category the case ended with. */
  categoryTop: string;
  /** When the case was open (not resolved or closed); `toMs` infinite while it still is. */
  openSpans: { fromMs: number; toMs: number }[];
  resolutions: number[];
  isRecontact: boolean;
}

export interface CustomerHistory {
  /**
   * The counts for a case `customerId` opens at `atMs`: cases opened until then, except
   * `excludeCaseId` (the case being routed, when it is recorded already).
   */
  countsAt(customerId: string, atMs: number, excludeCaseId?: string): HistoryCounts;
  /** Adds the cases a simulated case life opened (the case and any duplicate). */
  recordCaseLife(customerId: string, drafts: readonly EventDraft[]): void;
}

export function createCustomerHistory(): CustomerHistory {
  const casesByCustomer = new Map<string, PastCase[]>();

  const isRecontact = (past: readonly PastCase[], categoryTop: string, atMs: number): boolean =>
    past.some(
      (earlier) =>
        earlier.categoryTop === categoryTop &&
        earlier.openedAtMs < atMs &&
        earlier.resolutions.some(
          (resolvedAtMs) => resolvedAtMs <= atMs && atMs - resolvedAtMs <= RECONTACT_WINDOW_MS,
        ),
    );

  return {
    countsAt(customerId, atMs, excludeCaseId) {
      const counts = { openCases: 0, casesLast30Days: 0, recentRecontacts: 0 };
      for (const past of casesByCustomer.get(customerId) ?? []) {
        if (past.openedAtMs > atMs || past.caseId === excludeCaseId) continue;
        if (past.openedAtMs >= atMs - RECENT_HISTORY_MS) {
          counts.casesLast30Days++;
          if (past.isRecontact) counts.recentRecontacts++;
        }
        if (past.openSpans.some((span) => span.fromMs <= atMs && atMs < span.toMs)) {
          counts.openCases++;
        }
      }
      return counts;
    },
    recordCaseLife(customerId, drafts) {
      const past = casesByCustomer.get(customerId) ?? [];
      const added = summariseCases(drafts);
      for (const opened of added) {
        opened.isRecontact = isRecontact(past, opened.categoryTop, opened.openedAtMs);
      }
      past.push(...added);
      casesByCustomer.set(customerId, past);
    },
  };
}

/** Each case opened in `drafts`, with when it was open and resolved. */
function summariseCases(drafts: readonly EventDraft[]): PastCase[] {
  const cases = new Map<string, PastCase>();
  for (const { atMs, body } of drafts) {
    if (body.type === "case.opened") {
      cases.set(body.case, {
        caseId: body.case,
        openedAtMs: atMs,
        categoryTop: topLevelOf(body.category),
        openSpans: [{ fromMs: atMs, toMs: Number.POSITIVE_INFINITY }],
        resolutions: [],
        isRecontact: false,
      });
      continue;
    }
    if (!("case" in body)) continue;
    const summary = cases.get(body.case);
    if (summary === undefined) continue;
    const current = summary.openSpans.at(-1);
    const stillOpen = current !== undefined && current.toMs === Number.POSITIVE_INFINITY;
    switch (body.type) {
      case "case.recategorised":
        summary.categoryTop = topLevelOf(body.category);
        break;
      case "case.resolved":
        summary.resolutions.push(atMs);
        if (stillOpen) current.toMs = atMs;
        break;
      case "case.merged_into":
      case "case.closed":
        if (stillOpen) current.toMs = atMs;
        break;
      case "case.reopened":
        if (!stillOpen) summary.openSpans.push({ fromMs: atMs, toMs: Number.POSITIVE_INFINITY });
        break;
      default:
        break;
    }
  }
  return [...cases.values()];
}
