/**
 * The misclassification report (docs/routing-replay.md): how often the cases of each category
 * and of each routing rule were handed to another team or re-categorised, the worst first. Pure:
 * a roll-up of the counts the database grouped by (original category, rule).
 */

/** The cases of one (original category, routing rule) pair. */
export interface MisclassificationGroup {
  /** The category the cases were opened with. */
  category: string;
  /** The rule that set their team when they were opened; null: fallback, intake team, or not routed. */
  rule: string | null;
  cases: number;
  /** Cases handed off at least once. */
  transferred: number;
  /** Handoffs in all. */
  transfers: number;
  /** Cases re-categorised at least once. */
  recategorised: number;
}

/** Where the handoffs of an original category went. */
export interface TransferDestination {
  category: string;
  team: string;
  transfers: number;
}

export interface MisclassificationCounts {
  cases: number;
  transferred: number;
  transfers: number;
  transferRate: number;
  recategorised: number;
  recategorisationRate: number;
}

export interface CategoryMisclassification extends MisclassificationCounts {
  category: string;
  topDestinations: { team: string; transfers: number }[];
}

export interface RuleMisclassification extends MisclassificationCounts {
  rule: string | null;
  /** The rule's name in the rules in force; null when it is not there (any more). */
  name: string | null;
}

export interface MisclassificationReport {
  totals: { cases: number; transferred: number; transfers: number; recategorised: number };
  byCategory: CategoryMisclassification[];
  byRule: RuleMisclassification[];
}

/** How many destinations each category lists. */
export const TOP_DESTINATIONS = 3;

interface Sums {
  cases: number;
  transferred: number;
  transfers: number;
  recategorised: number;
}

function addTo(sums: Sums, group: MisclassificationGroup): void {
  sums.cases += group.cases;
  sums.transferred += group.transferred;
  sums.transfers += group.transfers;
  sums.recategorised += group.recategorised;
}

function withRates(sums: Sums): MisclassificationCounts {
  return {
    cases: sums.cases,
    transferred: sums.transferred,
    transfers: sums.transfers,
    transferRate: sums.cases === 0 ? 0 : sums.transferred / sums.cases,
    recategorised: sums.recategorised,
    recategorisationRate: sums.cases === 0 ? 0 : sums.recategorised / sums.cases,
  };
}

/** The highest transfer rate first, then the most cases; ties in key order, for a stable report. */
function worstFirst<T extends MisclassificationCounts>(key: (item: T) => string) {
  return (a: T, b: T) =>
    b.transferRate - a.transferRate ||
    b.cases - a.cases ||
    (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

const zero = (): Sums => ({ cases: 0, transferred: 0, transfers: 0, recategorised: 0 });

/**
 * Rolls the groups up per category and per rule, leaving out the categories and rules with
 * fewer than `minCases` cases (the totals count every case).
 *
 * @example
 * // billing/refund by rule "refunds": 10 cases, 4 transferred (5 handoffs), 1 re-categorised
 * buildMisclassificationReport([{ category: "billing/refund", rule: "refunds", cases: 10, transferred: 4, transfers: 5, recategorised: 1 }], [], new Map(), 5)
 * // byCategory: [{ category: "billing/refund", cases: 10, transferRate: 0.4, recategorisationRate: 0.1, … }]
 */
export function buildMisclassificationReport(
  groups: readonly MisclassificationGroup[],
  destinations: readonly TransferDestination[],
  ruleNames: ReadonlyMap<string, string>,
  minCases: number,
): MisclassificationReport {
  const totals = zero();
  const byCategory = new Map<string, Sums>();
  const byRule = new Map<string | null, Sums>();
  for (const group of groups) {
    addTo(totals, group);
    let category = byCategory.get(group.category);
    if (category === undefined) {
      category = zero();
      byCategory.set(group.category, category);
    }
    addTo(category, group);
    let rule = byRule.get(group.rule);
    if (rule === undefined) {
      rule = zero();
      byRule.set(group.rule, rule);
    }
    addTo(rule, group);
  }
  const destinationsOf = new Map<string, { team: string; transfers: number }[]>();
  for (const { category, team, transfers } of destinations) {
    const list = destinationsOf.get(category) ?? [];
    list.push({ team, transfers });
    destinationsOf.set(category, list);
  }
  return {
    totals,
    byCategory: [...byCategory]
      .filter(([, sums]) => sums.cases >= minCases)
      .map(([category, sums]) => ({
        category,
        ...withRates(sums),
        topDestinations: (destinationsOf.get(category) ?? [])
          .sort((a, b) => b.transfers - a.transfers || (a.team < b.team ? -1 : 1))
          .slice(0, TOP_DESTINATIONS),
      }))
      .sort(worstFirst((item) => item.category)),
    byRule: [...byRule]
      .filter(([, sums]) => sums.cases >= minCases)
      .map(([rule, sums]) => ({
        rule,
        name: rule === null ? null : (ruleNames.get(rule) ?? null),
        ...withRates(sums),
      }))
      .sort(worstFirst((item) => item.rule ?? "")),
  };
}
