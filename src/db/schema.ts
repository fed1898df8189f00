import type { AgentTable } from "../modules/agents/agent.table.js";
import type { CaseTable } from "../modules/cases/case.table.js";
import type { CustomerTable } from "../modules/customers/customer.table.js";
import type { EventTable } from "../modules/events/event.table.js";
import type { MetricCaseFactsTable } from "../modules/metrics/metric-facts.table.js";
import type {
  MetricRollupTable,
  MetricSlaPendingTable,
  MetricWorkSpanTable,
} from "../modules/metrics/rollup.table.js";
import type { TeamTable } from "../modules/teams/team.table.js";
import type {
  ApiTokenTable,
  SessionTable,
  UserGrantTable,
  UserTable,
} from "../modules/users/user.table.js";

/** The whole database, assembled from each module's table file. */
export interface DB {
  teams: TeamTable;
  agents: AgentTable;
  customers: CustomerTable;
  cases: CaseTable;
  events: EventTable;
  metric_rollups: MetricRollupTable;
  metric_work_spans: MetricWorkSpanTable;
  metric_sla_pending: MetricSlaPendingTable;
  users: UserTable;
  user_grants: UserGrantTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  metric_case_facts: MetricCaseFactsTable;
}
