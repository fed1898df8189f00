/**
 * Retention's vocabulary: what a policy may govern and do, legal holds, and the report of a run.
 * The semantics of each policy are in retention-plan.ts.
 */

export const RETENTION_KINDS = ["cases", "events", "survey_comments", "audit"] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_ACTIONS = ["anonymise", "purge"] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/**
 * What each kind allows. An audit entry can only lose its payload (the entry itself is part of
 * the hash chain and stays), which is a purge of that payload; anonymising it means nothing more.
 */
export const ALLOWED_ACTIONS: Record<RetentionKind, readonly RetentionAction[]> = {
  cases: ["anonymise", "purge"],
  events: ["anonymise", "purge"],
  survey_comments: ["anonymise", "purge"],
  audit: ["purge"],
};

/** The order a run applies policies in: whole cases first, then the log, then the rest. */
export const POLICY_ORDER: readonly RetentionKind[] = [
  "cases",
  "events",
  "survey_comments",
  "audit",
];

export interface RetentionPolicy {
  kind: RetentionKind;
  action: RetentionAction;
  /** Records older than this many days are due. */
  days: number;
  updatedAt: number;
  updatedBy: string;
}

export const HOLD_TARGET_KINDS = ["customer", "case"] as const;
export type HoldTargetKind = (typeof HOLD_TARGET_KINDS)[number];

export interface LegalHold {
  id: string;
  targetKind: HoldTargetKind;
  targetId: string;
  reason: string;
  createdAt: number;
  createdBy: string;
  releasedAt: number | null;
  releasedBy: string | null;
}

/** What replaces a personal or free-text value when it is anonymised. */
export const REDACTED = "[redacted]";

export const DAY_MS = 86_400_000;

/** Records changed by a run; each change is counted once, under the policy that made it. */
export interface RetentionChanges {
  casesAnonymised: number;
  casesPurged: number;
  eventsRedacted: number;
  eventsPurged: number;
  surveyCommentsRemoved: number;
  auditPayloadsPurged: number;
  customersAnonymised: number;
}

export function noChanges(): RetentionChanges {
  return {
    casesAnonymised: 0,
    casesPurged: 0,
    eventsRedacted: 0,
    eventsPurged: 0,
    surveyCommentsRemoved: 0,
    auditPayloadsPurged: 0,
    customersAnonymised: 0,
  };
}

export function addChanges(total: RetentionChanges, more: RetentionChanges): RetentionChanges {
  return {
    casesAnonymised: total.casesAnonymised + more.casesAnonymised,
    casesPurged: total.casesPurged + more.casesPurged,
    eventsRedacted: total.eventsRedacted + more.eventsRedacted,
    eventsPurged: total.eventsPurged + more.eventsPurged,
    surveyCommentsRemoved: total.surveyCommentsRemoved + more.surveyCommentsRemoved,
    auditPayloadsPurged: total.auditPayloadsPurged + more.auditPayloadsPurged,
    customersAnonymised: total.customersAnonymised + more.customersAnonymised,
  };
}

/** One policy as a run applied it. */
export interface PolicyOutcome {
  kind: RetentionKind;
  action: RetentionAction;
  days: number;
  /** Records dated before this instant (epoch ms) were due. */
  cutoff: number;
  changes: RetentionChanges;
}

export interface RetentionReport {
  dryRun: boolean;
  /** The instant the run measured ages from (epoch ms). */
  now: number;
  policies: PolicyOutcome[];
  /** The sum over `policies`. */
  changes: RetentionChanges;
  /**
   * Records that were due but kept by a legal hold: distinct customers whose own hold kept
   * something back, and distinct cases kept back (by a hold on the case or on its customer).
   */
  held: { customers: number; cases: number };
}
