import type { Kysely } from "kysely";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import { refreshDerivedCaseState } from "../cases/case-derivations.js";
import { CASE_RULES_KIND } from "../cases/case-rules.service.js";
import { ESCALATION_POLICIES_KIND, runEscalations } from "../escalations/escalation.service.js";
import { countEvents } from "../events/event.repository.js";
import { recordEvents } from "../events/event-recorder.js";
import { parseInstant } from "../events/event-validation.js";
import { HANDOFF_TYPES_KIND } from "../handoffs/handoff-rules.service.js";
import { markNotificationsReadBefore } from "../notifications/notification.repository.js";
import { ROUTING_RULES_KIND } from "../routing/routing-rules.service.js";
import { saveSettings } from "../settings/settings.service.js";
import { CALENDARS_KIND, SLA_POLICIES_KIND } from "../sla/sla-settings.service.js";
import { fireDueSlaEvents } from "../sla/sla-timer.service.js";
import { TAXONOMY_SETTINGS } from "../taxonomy/taxonomy.js";
import {
  demoCalendars,
  demoCaseRules,
  demoEscalationPolicies,
  demoHandoffTypes,
  demoRoutingRules,
  demoSlaPolicies,
  demoTaxonomy,
} from "./demo-settings.js";
import { seedDemoUsers } from "./demo-users.js";
import { type Simulation, type SimulationOptions, simulateContactCentre } from "./simulator.js";

const DAY_MS = 86_400_000;

/**
 * Seeds a store with the simulated contact centre through the event recorder, the same door the
 * API and the importer use, so the demo exercises every projection exactly as production does.
 */
export interface DemoSeedReport {
  summary: Simulation["summary"];
  /** What the SLA timers and escalation paths fired while catching up on the demo's history. */
  sla: { fired: number };
  escalations: { fired: number; notified: number };
}

/**
 * Seeds a store with the simulated contact centre through the event recorder, the same door the
 * API and the importer use, so the demo exercises every projection exactly as production does:
 * the roster first, then the demo's settings (taxonomy, handoff types, calendars, SLA and
 * escalation policies, routing rules: their checks need the teams), then the cases (the store
 * holds exactly the events `throughline demo --ndjson` prints). Once that has committed,
 * the SLA timers and the escalation paths catch up on the history as they would after downtime,
 * so the demo holds its breaches, escalations and notifications as events. The demo's users (one
 * per role) are created before that, when the store has none, so the notifications reach them.
 */
export async function seedDemoWorkspace(
  db: Kysely<DB>,
  options: SimulationOptions,
  onProgress?: (written: number, total: number) => void,
): Promise<DemoSeedReport> {
  const { events, summary } = simulateContactCentre(options);
  const pending = events.map((event) => {
    const atMs = parseInstant(event.at);
    if (atMs === null) throw new Error(`simulator produced an invalid instant: ${event.at}`);
    return { event, atMs };
  });
  const isRoster = (type: string): boolean => type.endsWith(".upserted");
  const roster = pending.filter((item) => isRoster(item.event.type));
  const cases = pending.filter((item) => !isRoster(item.event.type));
  await db.transaction().execute(async (trx) => {
    await recordEvents(trx, roster, { createMissing: false });
    await saveDemoSettings(trx, new Date());
    let written = roster.length;
    const touchedCases = new Set<string>();
    for (const batch of inChunks(cases, 5_000)) {
      await recordEvents(trx, batch, { createMissing: false, deferDerivedState: touchedCases });
      written += batch.length;
      onProgress?.(written, pending.length);
    }
    await refreshDerivedCaseState(trx, touchedCases, Date.now());
    await appendAudit(trx, {
      actor: SYSTEM_ACTORS.demo,
      action: "demo.seed",
      targetKind: "events",
      targetId: null,
      after: { ...summary, options: { ...options, end: options.end.toISOString() } },
    });
  });
  // The demo's team leads and managers exist before the escalation paths notify them.
  await seedDemoUsers(db, Date.now());
  const now = Date.now();
  const sla = await fireDueSlaEvents(db, now);
  const escalations = await runEscalations(db, { now });
  // The demo's people have read what reached them before the last day, as a working team would.
  await markNotificationsReadBefore(db, now - DAY_MS, now);
  return {
    summary,
    sla: { fired: sla.fired },
    escalations: { fired: escalations.fired, notified: escalations.notified },
  };
}

/** Saves the demo's settings documents as the demo actor (each kind's checks and effects run). */
async function saveDemoSettings(trx: Kysely<DB>, now: Date): Promise<void> {
  const actor = SYSTEM_ACTORS.demo;
  await saveSettings(trx, actor, TAXONOMY_SETTINGS, demoTaxonomy(), { now });
  await saveSettings(trx, actor, CASE_RULES_KIND, demoCaseRules(), { now });
  await saveSettings(trx, actor, HANDOFF_TYPES_KIND, demoHandoffTypes(), { now });
  await saveSettings(trx, actor, CALENDARS_KIND, demoCalendars(), { now });
  await saveSettings(trx, actor, SLA_POLICIES_KIND, demoSlaPolicies(), { now });
  await saveSettings(trx, actor, ESCALATION_POLICIES_KIND, demoEscalationPolicies(), { now });
  await saveSettings(trx, actor, ROUTING_RULES_KIND, demoRoutingRules(), { now });
}

export async function isStoreEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await countEvents(db)) === 0;
}

/** The demo's end: midnight UTC at the start of today, so demo data always looks current. */
export function defaultDemoEnd(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
