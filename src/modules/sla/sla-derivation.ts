import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { CaseDerivation } from "../cases/case-derivations.js";
import {
  findCustomerTiers,
  listOpenSlaCases,
  listSlaEventsOfCasePage,
  replaceSlaClocks,
  SLA_TYPES_WITH_FIELDS,
} from "./sla.repository.js";
import { casesMovedBySettingsChange, deriveSlaClocks, type SlaClock } from "./sla-clocks.js";
import type { SlaSettings } from "./sla-settings.js";
import { loadSlaSettings } from "./sla-settings.service.js";

/**
 * Keeps sla_clocks in step with the log: after every write, the clocks of each case it touched
 * are recomputed from the case's whole history and the SLA settings in force, evaluated at `now`.
 * Registered in case-derivations.ts, so it runs in the write's transaction.
 */
export const refreshSlaClocks: CaseDerivation = async (db, histories, now) => {
  if (histories.length === 0) return;
  const settings = await loadSlaSettings(db);
  const configured = settings.policies.length > 0 || settings.internal.length > 0;
  const tiers = configured
    ? await findCustomerTiers(
        db,
        histories.map((history) => history.case.customerId),
      )
    : new Map<string, string>();
  const clocks: SlaClock[] = [];
  if (configured) {
    for (const { case: item, events } of histories) {
      clocks.push(
        ...deriveSlaClocks(
          {
            id: item.id,
            tier: tiers.get(item.customerId) ?? "",
            priority: item.priority,
            channel: item.channel,
            category: item.category,
            openedAt: item.openedAt,
            // Payloads are parsed only where the facts read them (histories parse lazily).
            events: events.map((event) => ({
              type: event.type,
              at: event.at,
              data: SLA_TYPES_WITH_FIELDS.has(event.type)
                ? (event.data as Record<string, unknown>)
                : {},
            })),
          },
          settings,
          now,
        ),
      );
    }
  }
  await replaceSlaClocks(
    db,
    histories.map((history) => history.case.id),
    clocks,
    now,
  );
};

/** Open cases recomputed per round trip: bounds memory and the size of each IN list's batch. */
const CASES_PER_PAGE = 5_000;

export interface RecomputeOptions {
  /**
   * The settings in force before the save: only the cases whose clocks the change can move are
   * recomputed (casesMovedBySettingsChange); without it, every open case is.
   */
  previous?: SlaSettings;
}

/**
 * Recomputes the clocks of the open (not resolved, not closed) cases with the settings in force
 * in `db` (in a save's transaction: the new version), evaluated at `now`. Returns how many cases
 * it recomputed. Resolved and closed cases keep the clocks they stopped with, and so do the open
 * cases a change from `options.previous` cannot move.
 */
export async function recomputeOpenCaseClocks(
  db: Kysely<DB>,
  now: number,
  options: RecomputeOptions = {},
): Promise<number> {
  const settings = await loadSlaSettings(db);
  const moved =
    options.previous === undefined
      ? () => true
      : casesMovedBySettingsChange(options.previous, settings);
  if (moved === undefined) return 0;
  let afterId: string | null = null;
  let count = 0;
  for (;;) {
    const page = await listOpenSlaCases(db, { afterId, limit: CASES_PER_PAGE });
    const cases = page.filter(moved);
    if (cases.length > 0) {
      const ids = cases.map((item) => item.id);
      const eventsByCase = await listSlaEventsOfCasePage(db, ids);
      const clocks: SlaClock[] = [];
      for (const item of cases) {
        const events = eventsByCase.get(item.id) ?? [];
        clocks.push(...deriveSlaClocks({ ...item, events }, settings, now));
      }
      await replaceSlaClocks(db, ids, clocks, now);
      count += cases.length;
    }
    afterId = page[page.length - 1]?.id ?? null;
    if (page.length < CASES_PER_PAGE) break;
  }
  return count;
}
