/**
 * A case's links to other cases in words, seen from the case being viewed: its own link
 * `A recontact_of B` reads "Recontact of B" on A and "Recontacted in A" on B.
 */
import type { CaseLink, CaseLinkKind } from "../api/types.ts";

const OUTGOING: Record<CaseLinkKind, string> = {
  recontact_of: "Recontact of",
  child_of: "Child of",
  duplicate_of: "Duplicate of",
  merged_into: "Merged into",
};

const INCOMING: Record<CaseLinkKind, string> = {
  recontact_of: "Recontacted in",
  child_of: "Parent of",
  duplicate_of: "Duplicated by",
  merged_into: "Merged from",
};

export const MANUAL_LINK_LABELS: Record<Exclude<CaseLinkKind, "merged_into">, string> = {
  recontact_of: "This case is a recontact of…",
  child_of: "This case is a child of…",
  duplicate_of: "This case duplicates…",
};

/** "Recontact of", "Parent of", …: what the other case is to this one. */
export function describeLink(link: Pick<CaseLink, "kind" | "direction">): string {
  return (link.direction === "outgoing" ? OUTGOING : INCOMING)[link.kind] ?? link.kind;
}

/** Links in a stable reading order: by kind, outgoing before incoming, then by case id. */
export function sortLinks(links: readonly CaseLink[]): CaseLink[] {
  const kindOrder = Object.keys(OUTGOING);
  return [...links].sort(
    (left, right) =>
      kindOrder.indexOf(left.kind) - kindOrder.indexOf(right.kind) ||
      (left.direction === right.direction ? 0 : left.direction === "outgoing" ? -1 : 1) ||
      left.caseId.localeCompare(right.caseId),
  );
}
