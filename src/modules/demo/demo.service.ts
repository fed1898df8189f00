import type { Kysely } from "kysely";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import { refreshDerivedCaseState } from "../cases/case-derivations.js";
import { countEvents } from "../events/event.repository.js";
import { recordEvents } from "../events/event-recorder.js";
import { parseInstant } from "../events/event-validation.js";
import { type Simulation, type SimulationOptions, simulateContactCentre } from "./simulator.js";

/**
 * Seeds a store with the simulated contact centre through the event recorder, the same door the
 * API and the importer use, so the demo exercises every projection exactly as production does.
 */
export async function seedDemoWorkspace(
  db: Kysely<DB>,
  options: SimulationOptions,
  onProgress?: (written: number, total: number) => void,
): Promise<Simulation["summary"]> {
  const { events, summary } = simulateContactCentre(options);
  const pending = events.map((event) => {
    const atMs = parseInstant(event.at);
    if (atMs === null) throw new Error(`simulator produced an invalid instant: ${event.at}`);
    return { event, atMs };
  });
  await db.transaction().execute(async (trx) => {
    let written = 0;
    const touchedCases = new Set<string>();
    for (const batch of inChunks(pending, 5_000)) {
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
  return summary;
}

export async function isStoreEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await countEvents(db)) === 0;
}

/** The demo's end: midnight UTC at the start of today, so demo data always looks current. */
export function defaultDemoEnd(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
