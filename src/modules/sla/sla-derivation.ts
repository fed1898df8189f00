import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { CaseDerivation } from "../cases/case-derivations.js";
import { FactsDueTimeRefresh } from "../metrics/metric-facts.settings.js";
import {
  deleteSlaHistories,
  findCustomerTiers,
  listOpenSlaCases,
  listSlaEventsOfCasePage,
  replaceSlaClocks,
  saveSlaHistories,
} from "./sla.repository.js";
import {
  casesMovedBySettingsChange,
  deriveSlaClocks,
  isOpenStatus,
  type SlaClock,
  type SlaEventInput,
  toSlaEvent,
} from "./sla-clocks.js";
import type { SlaSettings } from "./sla-settings.js";
import { loadSlaSettings } from "./sla-settings.service.js";

/**
 * Keeps sla_clocks in step with the log: after every write, the clocks of each case it touched
 * are recomputed from the case's whole history and the SLA settings in force, evaluated at `now`,
 * and an open case's SLA events are stored with them (sla_histories) for the recomputes after a
 * settings save. Registered in case-derivations.ts, so it runs in the write's transaction.
 */
export const refreshSlaClocks: CaseDerivation = async (db, histories, now) => {
  if (histories.length === 0) return;
  const slaHistories = histories.map(({ case: item, events }) => ({
    caseId: item.id,
    open: isOpenStatus(item.status),
    // Payloads are parsed only where the clocks read them (histories parse lazily).
    events: events.flatMap((event) => toSlaEvent(event.type, event.at, () => event.data) ?? []),
  }));
  await saveSlaHistories(
    db,
    slaHistories.filter((history) => history.open),
  );
  await deleteSlaHistories(
    db,
    slaHistories.filter((history) => !history.open).map((history) => history.caseId),
  );
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
    for (const [index, { case: item }] of histories.entries()) {
      clocks.push(
        ...deriveSlaClocks(
          {
            id: item.id,
            tier: tiers.get(item.customerId) ?? "",
            priority: item.priority,
            channel: item.channel,
            category: item.category,
            openedAt: item.openedAt,
            events: slaHistories[index]?.events ?? [],
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

/**
 * Open cases recomputed per round trip. Small enough that a page's rows, events and clocks die
 * young: with 5,000, every scavenge copied them and garbage collection took a third more time.
 */
const CASES_PER_PAGE = 1_000;

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
  const facts = new FactsDueTimeRefresh(db, now);
  for (;;) {
    const page = await listOpenSlaCases(db, { afterId, limit: CASES_PER_PAGE });
    const cases = page.filter(moved);
    if (cases.length > 0) {
      // A case recorded before sla_histories existed is read from the log, once.
      const unstored = cases.filter((item) => item.events === null).map((item) => item.id);
      const fromLog =
        unstored.length > 0
          ? await listSlaEventsOfCasePage(db, unstored)
          : new Map<string, SlaEventInput[]>();
      if (fromLog.size > 0) {
        await saveSlaHistories(
          db,
          [...fromLog].map(([caseId, events]) => ({ caseId, events })),
        );
      }
      const clocks: SlaClock[] = [];
      for (const item of cases) {
        const events = item.events ?? fromLog.get(item.id) ?? [];
        clocks.push(...deriveSlaClocks({ ...item, events }, settings, now));
      }
      const ids = cases.map((item) => item.id);
      const changed = await replaceSlaClocks(db, ids, clocks, now);
      // The metric facts hold each case's first-response due time: they follow the clocks.
      await facts.add(
        new Map(
          changed.flatMap((change) =>
            change.clock === "firstResponse" ? [[change.caseId, change.dueAt] as const] : [],
          ),
        ),
      );
      count += cases.length;
    }
    afterId = page[page.length - 1]?.id ?? null;
    if (page.length < CASES_PER_PAGE) break;
  }
  await facts.finish();
  return count;
}
