import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { replaceTeamSpells } from "../handoffs/team-spell.repository.js";
import { computeTeamSpells } from "../handoffs/team-spells.js";
import { topLevelCategory } from "./case.js";
import type { CaseDerivation, CaseHistory } from "./case-derivations.js";
import {
  findRecontactCandidates,
  listCaseGroupsOfCustomers,
  replaceAutoLinks,
  replaceManualLinks,
} from "./case-link.repository.js";
import { detectRecontacts, manualLinksOf } from "./case-links.js";
import { loadCaseRules } from "./case-rules.service.js";

/**
 * Time in team and the links between cases, rebuilt for the cases a write touched. Recontacts
 * are recomputed for every case of the touched cases' customers in the same top-level
 * categories: a resolution imported late can make a case opened long ago a recontact.
 */
export const deriveLinksAndTeamTimes: CaseDerivation = async (db, histories) => {
  const ids = histories.map((history) => history.case.id);
  await replaceTeamSpells(
    db,
    ids,
    new Map(histories.map((history) => [history.case.id, computeTeamSpells(history.events)])),
  );
  await replaceManualLinks(
    db,
    ids,
    histories.flatMap((history) => manualLinksOf(history.case.id, history.events)),
  );
  await refreshRecontacts(db, histories);
};

async function refreshRecontacts(db: Kysely<DB>, histories: readonly CaseHistory[]) {
  const groups = histories.map((history) => ({
    customerId: history.case.customerId,
    categoryTop: topLevelCategory(history.case.category),
  }));
  const { recontactWindowMs } = await loadCaseRules(db);
  // The histories at hand already hold these cases' resolutions: only the customers' other
  // cases are read.
  const known = new Map(
    histories.map((history) => [
      history.case.id,
      history.events.filter((event) => event.type === "case.resolved").map((event) => event.at),
    ]),
  );
  await relinkRecontacts(db, groups, recontactWindowMs, known);
}

async function relinkRecontacts(
  db: Kysely<DB>,
  groups: readonly { customerId: string; categoryTop: string }[],
  recontactWindowMs: number,
  knownResolutions?: ReadonlyMap<string, readonly number[]>,
): Promise<void> {
  const candidates = await findRecontactCandidates(db, groups, knownResolutions);
  await replaceAutoLinks(
    db,
    candidates.map((candidate) => candidate.id),
    detectRecontacts(candidates, recontactWindowMs),
  );
}

/** Customers whose recontacts are relinked together when the window changes. */
const CUSTOMERS_PER_RELINK = 500;

/**
 * Relinks the recontacts of every case with this window, a page of customers at a time (after
 * the case rules' recontact window changed, so that no link was made with the old one).
 * Returns how many customers were looked at.
 */
export async function relinkAllRecontacts(
  db: Kysely<DB>,
  recontactWindowMs: number,
): Promise<number> {
  let after: string | null = null;
  let customers = 0;
  for (;;) {
    const groups = await listCaseGroupsOfCustomers(db, { after, limit: CUSTOMERS_PER_RELINK });
    const last = groups.at(-1);
    if (last === undefined) break;
    await relinkRecontacts(db, groups, recontactWindowMs);
    customers += new Set(groups.map((group) => group.customerId)).size;
    after = last.customerId;
  }
  return customers;
}
