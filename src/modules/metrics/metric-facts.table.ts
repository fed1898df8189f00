import type { Generated, Selectable } from "kysely";

/** One row per case: the facts its KPIs count (case-facts.ts); times in epoch ms. */
export interface MetricCaseFactsTable {
  case_id: string;
  customer_id: string;
  channel: string;
  category: string;
  category_top: string;
  region: string;
  tier: string;
  segment: string;
  opened_at: number;
  opened_team: string;
  first_response_at: number | null;
  first_response_agent: string | null;
  /** 0 or 1. */
  escalated: number;
  first_response_due_at: number | null;
  first_resolved_at: number | null;
  resolved_team: string | null;
  resolved_agent: string | null;
  /** 0 or 1. */
  reopened: number;
  recontacted_by: string | null;
  handoff_count: number;
  worked_seconds: number;
  /**
   * The last instant any KPI counts the case at (its latest handoff, work, answer, resolution or
   * backlog change); null while it is in the backlog, where every later period counts it.
   */
  active_until: number | null;
  /** JSON `{handoffs, worked, surveys, backlog}` (case-facts.ts). */
  details: string;
  updated_at: number;
  /**
   * 1 once the `events` retention policy purged the case's events (the facts stay): the planner
   * finds such a case by this mark instead of by its events. Never reset by a derivation.
   */
  log_purged: Generated<number>;
}
export type MetricCaseFactsRow = Selectable<MetricCaseFactsTable>;
