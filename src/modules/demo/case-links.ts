/**
 * Parent and child cases in the demo: when several customers report an outage within a few
 * hours, the first report becomes the parent and the agent answering each later one links it as
 * a child, so the outage is worked once. Deterministic and without randomness: it reads only the
 * cases' own timelines.
 */
import type { EventDraft } from "./event-draft.js";

const HOUR_MS = 3_600_000;
/** Reports this close to the first one are about the same outage. */
const OUTAGE_CLUSTER_MS = 3 * HOUR_MS;
/** Half the timeline's one-second step: after the reply, before whatever the case does next. */
const AFTER_REPLY_MS = 500;

export interface CaseOutline {
  caseId: string;
  category: string;
  openedAtMs: number;
  /** The first public agent reply, when there was one before the end of the run. */
  firstResponseAtMs: number | undefined;
}

/** Reads a case's outline from its drafts (its `case.opened` must be among them). */
export function outlineCase(drafts: readonly EventDraft[]): CaseOutline | undefined {
  let outline: CaseOutline | undefined;
  for (const { atMs, body } of drafts) {
    if (body.type === "case.opened" && outline === undefined) {
      outline = {
        caseId: body.case,
        category: body.category,
        openedAtMs: atMs,
        firstResponseAtMs: undefined,
      };
    } else if (
      outline !== undefined &&
      body.type === "case.replied" &&
      body.case === outline.caseId &&
      body.public &&
      body.by.startsWith("agent:")
    ) {
      outline.firstResponseAtMs ??= atMs;
    }
  }
  return outline;
}

/**
 * `case.linked` (child_of) drafts for outage reports that follow an earlier one within
 * OUTAGE_CLUSTER_MS, recorded just after the child's first response.
 */
export function linkOutageReports(outlines: readonly CaseOutline[]): EventDraft[] {
  const reports = outlines
    .filter((outline) => outline.category === "technical/outage")
    .sort((left, right) => left.openedAtMs - right.openedAtMs);
  const links: EventDraft[] = [];
  let parent: CaseOutline | undefined;
  for (const report of reports) {
    if (parent === undefined || report.openedAtMs - parent.openedAtMs > OUTAGE_CLUSTER_MS) {
      parent = report;
      continue;
    }
    if (report.firstResponseAtMs === undefined) continue;
    links.push({
      atMs: report.firstResponseAtMs + AFTER_REPLY_MS,
      body: { type: "case.linked", case: report.caseId, kind: "child_of", target: parent.caseId },
    });
  }
  return links;
}
