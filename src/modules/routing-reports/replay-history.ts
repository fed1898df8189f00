import { RECENT_HISTORY_MS } from "../routing/routing-subject.js";

/**
 * A customer's history as routing saw it when each case was opened (the replay rebuilds the
 * `customer.openCases`, `customer.casesLast30Days` and `customer.recentRecontacts` of that
 * moment). Pure: one pass over the customers' cases and status changes in time order.
 */

export interface HistoryCase {
  id: string;
  customerId: string;
  openedAt: number;
  /**
   * Open at its opening, as every case is; for a case opened before the status changes given
   * begin, whether it was open when they begin (its earlier changes are not given).
   */
  initiallyOpen: boolean;
}

/** A case's work ended (`case.resolved`, `case.closed`, `case.merged_into`) or began again (`case.reopened`). */
export interface StatusChange {
  caseId: string;
  at: number;
  finished: boolean;
}

export interface HistoryCounts {
  /** The customer's cases open at that moment, this one not counted. */
  openCases: number;
  /** The customer's cases opened in the 30 days before, this one not counted. */
  casesLast30Days: number;
  /** Of those, the ones already linked as a recontact of an earlier case. */
  recentRecontacts: number;
}

/** Cases in the order routing met them: by opening, ties by id. */
function byOpening(a: HistoryCase, b: HistoryCase): number {
  return a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The history counts of each case in `targets` at its opening. `cases` holds every case of the
 * targets' customers that could count (opened in the 30 days before a target, or open at one's
 * opening), the targets among them; `changes` their status changes (those of other cases are
 * ignored); `recontactLinkedAt` when each case became a recontact (its opening, for a detected
 * one). Cases opened at the same instant count in id order.
 *
 * @example
 * // c1 opened day 0, resolved day 2; c2 opened day 1 (a recontact of c1); c3 opened day 40:
 * countHistoryAtOpening(cases, changes, new Map([["c2", day1]]), new Set(["c2", "c3"]))
 * // c2: { openCases: 1, casesLast30Days: 1, recentRecontacts: 0 }
 * // c3: { openCases: 1 (c2 still open), casesLast30Days: 0, recentRecontacts: 0 }
 */
export function countHistoryAtOpening(
  cases: readonly HistoryCase[],
  changes: readonly StatusChange[],
  recontactLinkedAt: ReadonlyMap<string, number>,
  targets: ReadonlySet<string>,
): Map<string, HistoryCounts> {
  // Cases by their position in opening order, customers by number: the passes below touch
  // only arrays (a replay counts tens of thousands of cases).
  const ordered = [...cases].sort(byOpening);
  const total = ordered.length;
  const positionOf = new Map<string, number>();
  const customerNumbers = new Map<string, number>();
  const customerOf = new Int32Array(total);
  const openedAt = new Float64Array(total);
  for (const [position, item] of ordered.entries()) {
    positionOf.set(item.id, position);
    let customer = customerNumbers.get(item.customerId);
    if (customer === undefined) {
      customer = customerNumbers.size;
      customerNumbers.set(item.customerId, customer);
    }
    customerOf[position] = customer;
    openedAt[position] = item.openedAt;
  }

  // The 30-day counts: each customer's cases in opening order, a window sliding over them.
  const byCustomer: number[][] = Array.from({ length: customerNumbers.size }, () => []);
  for (let position = 0; position < total; position++) {
    byCustomer[customerOf[position] as number]?.push(position);
  }
  const counts = new Map<string, HistoryCounts>();
  const countsAt: (HistoryCounts | undefined)[] = new Array(total);
  for (const list of byCustomer) {
    let oldest = 0;
    for (let index = 0; index < list.length; index++) {
      const current = ordered[list[index] as number] as HistoryCase;
      if (!targets.has(current.id)) continue;
      const since = current.openedAt - RECENT_HISTORY_MS;
      while ((openedAt[list[oldest] as number] as number) < since) oldest += 1;
      let recentRecontacts = 0;
      for (let earlier = oldest; earlier < index; earlier++) {
        const linkedAt = recontactLinkedAt.get(
          (ordered[list[earlier] as number] as HistoryCase).id,
        );
        if (linkedAt !== undefined && linkedAt <= current.openedAt) recentRecontacts += 1;
      }
      const counted = { openCases: 0, casesLast30Days: index - oldest, recentRecontacts };
      counts.set(current.id, counted);
      countsAt[list[index] as number] = counted;
    }
  }

  // Open cases: openings (already in time order) merged with the status changes in time order.
  // At one instant the changes of cases opened before it go first, then openings, then the
  // changes of the cases just opened (a case resolved the instant it was opened).
  const changeCase: number[] = [];
  const changeAt: number[] = [];
  const changeFinishes: boolean[] = [];
  /** 0: a change of a case opened before it; 1: of a case opened at that instant. */
  const changeRank: number[] = [];
  for (const change of changes) {
    const position = positionOf.get(change.caseId);
    const caseOpenedAt = position === undefined ? undefined : (openedAt[position] as number);
    if (position === undefined || caseOpenedAt === undefined || change.at < caseOpenedAt) continue;
    changeCase.push(position);
    changeAt.push(change.at);
    changeFinishes.push(change.finished);
    changeRank.push(change.at === caseOpenedAt ? 1 : 0);
  }
  const changeOrder = Uint32Array.from(changeAt.keys()).sort(
    (a, b) =>
      (changeAt[a] as number) - (changeAt[b] as number) ||
      (changeRank[a] as number) - (changeRank[b] as number) ||
      a - b,
  );
  const caseOpen = new Uint8Array(total);
  const openByCustomer = new Int32Array(customerNumbers.size);
  let next = 0;
  const applyChange = (change: number) => {
    const position = changeCase[change] as number;
    const finishes = changeFinishes[change] as boolean;
    if ((caseOpen[position] === 1) !== finishes) return;
    caseOpen[position] = finishes ? 0 : 1;
    const customer = customerOf[position] as number;
    openByCustomer[customer] = (openByCustomer[customer] as number) + (finishes ? -1 : 1);
  };
  for (let position = 0; position < total; position++) {
    const at = openedAt[position] as number;
    for (; next < changeOrder.length; next++) {
      const change = changeOrder[next] as number;
      const changedAt = changeAt[change] as number;
      if (changedAt > at || (changedAt === at && changeRank[change] === 1)) break;
      applyChange(change);
    }
    const customer = customerOf[position] as number;
    const counted = countsAt[position];
    if (counted !== undefined) counted.openCases = openByCustomer[customer] as number;
    if ((ordered[position] as HistoryCase).initiallyOpen) {
      caseOpen[position] = 1;
      openByCustomer[customer] = (openByCustomer[customer] as number) + 1;
    }
  }
  return counts;
}
