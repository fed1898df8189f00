import type { CaseLinkKind, ThroughlineEvent } from "../events/event.types.js";

/**
 * Links between cases. Manual ones come from a case's own events (`case.linked`,
 * `case.merged_into`); recontacts are also found automatically: a case opened by the same
 * customer in the same top-level category within the recontact window after the resolution of
 * an earlier case is its `recontact_of`. Pure, over plain data, so the derivation gives the same
 * answer whatever order the events arrived in.
 */
export type StoredLinkKind = CaseLinkKind | "merged_into";
export type LinkSource = "auto" | "manual";

export interface CaseLink {
  caseId: string;
  kind: StoredLinkKind;
  targetId: string;
  source: LinkSource;
  /** When the link came to be: the event's time, or the recontact's opening. */
  createdAt: number;
}

/** The links a case's own history makes, the earliest of each (kind, target). */
export function manualLinksOf(
  caseId: string,
  history: readonly { type: string; at: number; data: ThroughlineEvent }[],
): CaseLink[] {
  const links = new Map<string, CaseLink>();
  const add = (kind: StoredLinkKind, targetId: string, at: number) => {
    const key = `${kind} ${targetId}`;
    if (!links.has(key))
      links.set(key, { caseId, kind, targetId, source: "manual", createdAt: at });
  };
  for (const item of history) {
    // The type first: a stored history parses a payload only when it is read.
    if (item.type !== "case.linked" && item.type !== "case.merged_into") continue;
    const { at, data: event } = item;
    if (event.type === "case.linked") add(event.kind, event.target, at);
    else if (event.type === "case.merged_into") add("merged_into", event.into, at);
  }
  return [...links.values()];
}

/** What recontact detection needs to know of a case. */
export interface RecontactCandidate {
  id: string;
  customerId: string;
  categoryTop: string;
  openedAt: number;
  /** Every resolution of the case (a reopened case has several), epoch ms. */
  resolutions: readonly number[];
}

/**
 * The `recontact_of` link of each case that is a recontact: of the earlier cases of the same
 * customer and top-level category resolved at most `windowMs` before it was opened, the one
 * resolved last (a case opened exactly at the end of the window still counts).
 *
 * @example
 * // c1 (billing/refund) resolved Mar 1 10:00; c2 (billing/invoice) opened Mar 8 09:00, 7-day window:
 * detectRecontacts([c1, c2], 7 * DAY_MS) // [{ caseId: "c2", kind: "recontact_of", targetId: "c1", … }]
 */
export function detectRecontacts(
  cases: readonly RecontactCandidate[],
  windowMs: number,
): CaseLink[] {
  const groups = new Map<string, RecontactCandidate[]>();
  for (const item of cases) {
    const key = `${item.customerId}\u0000${item.categoryTop}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const links: CaseLink[] = [];
  for (const group of groups.values()) {
    // Every resolution of the group, oldest first: each case looks back from its opening.
    const resolutions = group
      .flatMap((item) => item.resolutions.map((resolvedAt) => ({ resolvedAt, item })))
      .sort((a, b) => a.resolvedAt - b.resolvedAt || (a.item.id < b.item.id ? -1 : 1));
    for (const recontact of group) {
      let index = lastAtOrBefore(resolutions, recontact.openedAt);
      for (; index >= 0; index -= 1) {
        const candidate = resolutions[index];
        if (candidate === undefined || recontact.openedAt - candidate.resolvedAt > windowMs) break;
        if (candidate.item.id === recontact.id || candidate.item.openedAt >= recontact.openedAt) {
          continue;
        }
        links.push({
          caseId: recontact.id,
          kind: "recontact_of",
          targetId: candidate.item.id,
          source: "auto",
          createdAt: recontact.openedAt,
        });
        break;
      }
    }
  }
  return links;
}

/** The index of the last entry resolved at or before `at` (entries sorted by time), or -1. */
function lastAtOrBefore(entries: readonly { resolvedAt: number }[], at: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle]?.resolvedAt ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
