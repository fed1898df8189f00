import type { Selectable } from "kysely";

export interface CaseTable {
  id: string;
  customer_id: string;
  subject: string | null;
  channel: string;
  category: string;
  /** The part of `category` before the slash, kept for slicing and filtering. */
  category_top: string;
  priority: string;
  team_id: string;
  queue: string | null;
  agent_id: string | null;
  /** JSON array of tags. */
  tags: string;
  /** JSON array of `{skill, level}`. */
  required_skills: string;
  routed_rule: string | null;
  recategorised_count: number;
  status: string;
  opened_at: number;
  first_response_at: number | null;
  first_resolved_at: number | null;
  resolved_at: number | null;
  reopen_count: number;
  handoff_count: number;
  escalation_level: number;
  worked_seconds: number;
  root_cause: string | null;
  /** Business time of the newest event applied; an older event arriving later forces a rebuild. */
  last_event_at: number;
  updated_at: number;
}
export type CaseRow = Selectable<CaseTable>;
