import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as initial from "./migrations/20261125T1200-initial.js";
import * as accounts from "./migrations/20261125T1300-accounts.js";
import * as audit from "./migrations/20261125T1310-audit.js";
import * as retention from "./migrations/20261125T1320-retention.js";
import * as intake from "./migrations/20261125T1400-intake.js";
import * as settings from "./migrations/20261125T1500-settings.js";
import * as sla from "./migrations/20261125T1510-sla.js";
import * as caseLinks from "./migrations/20261125T1520-case-links.js";
import * as notifications from "./migrations/20261125T1530-notifications.js";
import * as routing from "./migrations/20261125T1600-routing.js";
import * as userAgent from "./migrations/20261125T1605-user-agent.js";
import * as slaRecompute from "./migrations/20261125T1610-sla-recompute.js";
import * as slaHistories from "./migrations/20261125T1620-sla-histories.js";
import * as metricFacts from "./migrations/20261206T1000-metric-facts.js";
import * as metricRollups from "./migrations/20261206T1010-metric-rollups.js";
import * as alerts from "./migrations/20261206T1100-alerts.js";
import * as digests from "./migrations/20261206T1200-digests.js";
import * as metricFactsLogPurged from "./migrations/20261206T1300-metric-facts-log-purged.js";

/** Migrations are listed here rather than read from disk so the same list works from src and dist. */
const MIGRATIONS: Record<string, Migration> = {
  "20261125T1200-initial": initial,
  "20261125T1300-accounts": accounts,
  "20261125T1310-audit": audit,
  "20261125T1320-retention": retention,
  "20261125T1400-intake": intake,
  "20261125T1500-settings": settings,
  "20261125T1510-sla": sla,
  "20261125T1520-case-links": caseLinks,
  "20261125T1530-notifications": notifications,
  "20261125T1600-routing": routing,
  "20261125T1605-user-agent": userAgent,
  "20261125T1610-sla-recompute": slaRecompute,
  "20261125T1620-sla-histories": slaHistories,
  "20261206T1000-metric-facts": metricFacts,
  "20261206T1010-metric-rollups": metricRollups,
  "20261206T1100-alerts": alerts,
  "20261206T1200-digests": digests,
  "20261206T1300-metric-facts-log-purged": metricFactsLogPurged,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Brings the store to the latest schema; safe to run concurrently from several processes. */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before and beneath the typed schema.
  db: Kysely<any>,
  options: { migrationTableSchema?: string } = {},
): Promise<MigrationReport> {
  // Kysely finds its own bookkeeping tables by name across every schema; a store that lives in a
  // schema of its own beside others (as test stores do) names it so they do not mix.
  const migrator = new Migrator({ db, provider, ...options });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return {
    applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
    total: Object.keys(MIGRATIONS).length,
  };
}
