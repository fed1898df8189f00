import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";

/**
 * The standardized two-level category taxonomy (`top/sub`) and the root-cause codes a
 * resolution names, administered as the `taxonomy` settings document. Empty lists (the
 * default) mean nothing is enforced: cases keep whatever category and root cause they are given.
 */
export interface Taxonomy {
  categories: TaxonomyCategory[];
  rootCauses: RootCause[];
}

export interface TaxonomyCategory {
  id: string;
  name: string;
  subcategories: { id: string; name: string }[];
}

export interface RootCause {
  code: string;
  name: string;
  /** A retired code stays readable on old cases but may not be used for new resolutions. */
  retired: boolean;
}

/** The index of the first item whose key repeats an earlier one, or -1. */
function firstRepeat<T>(items: readonly T[], key: (item: T) => string): number {
  const seen = new Set<string>();
  return items.findIndex((item) => {
    const value = key(item);
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  });
}

export function validateTaxonomy(body: Taxonomy): SettingsCheck<Taxonomy> {
  const repeatedCategory = firstRepeat(body.categories, (category) => category.id);
  if (repeatedCategory !== -1) {
    return {
      ok: false,
      field: `categories.${repeatedCategory}.id`,
      reason: "repeats the id of an earlier category",
    };
  }
  for (const [index, category] of body.categories.entries()) {
    if (category.subcategories.length === 0) {
      return {
        ok: false,
        field: `categories.${index}.subcategories`,
        reason: "needs at least one subcategory (case categories are `top/sub`)",
      };
    }
    const repeatedSub = firstRepeat(category.subcategories, (sub) => sub.id);
    if (repeatedSub !== -1) {
      return {
        ok: false,
        field: `categories.${index}.subcategories.${repeatedSub}.id`,
        reason: `repeats the id of an earlier subcategory of ${category.id}`,
      };
    }
  }
  const repeatedCause = firstRepeat(body.rootCauses, (cause) => cause.code);
  if (repeatedCause !== -1) {
    return {
      ok: false,
      field: `rootCauses.${repeatedCause}.code`,
      reason: "repeats the code of an earlier root cause",
    };
  }
  return { ok: true, body };
}

export const TAXONOMY_SETTINGS: SettingsDefinition<Taxonomy> = {
  kind: "taxonomy",
  defaults: () => ({ categories: [], rootCauses: [] }),
  validate: validateTaxonomy,
};

/**
 * Why `category` (`top/sub`) is not in the taxonomy, or undefined when it is or when the
 * taxonomy defines no categories.
 *
 * @example
 * checkCategory({ categories: [{ id: "billing", subcategories: [{ id: "refund" }] }] }, "billing/fraud")
 * // 'billing/fraud is not in the taxonomy: billing has refund'
 */
export function checkCategory(taxonomy: Taxonomy, category: string): string | undefined {
  if (taxonomy.categories.length === 0) return undefined;
  const [topId, subId] = category.split("/");
  const top = taxonomy.categories.find((item) => item.id === topId);
  if (!top) {
    const known = taxonomy.categories.map((item) => item.id).join(", ");
    return `${category} is not in the taxonomy: the top-level categories are ${known}`;
  }
  if (top.subcategories.some((sub) => sub.id === subId)) return undefined;
  const known = top.subcategories.map((sub) => sub.id).join(", ");
  return `${category} is not in the taxonomy: ${top.id} has ${known}`;
}

/**
 * Why a resolution's root cause is not acceptable, or undefined when it is or when the taxonomy
 * defines no root causes. Once codes are defined, every resolution needs a current one.
 */
export function checkRootCause(taxonomy: Taxonomy, code: string | undefined): string | undefined {
  if (taxonomy.rootCauses.length === 0) return undefined;
  const current = taxonomy.rootCauses.filter((cause) => !cause.retired).map((cause) => cause.code);
  if (code === undefined) return `is required: one of ${current.join(", ")}`;
  const found = taxonomy.rootCauses.find((cause) => cause.code === code);
  if (!found) return `${code} is not a root cause of the taxonomy: one of ${current.join(", ")}`;
  if (found.retired) return `${code} is retired: one of ${current.join(", ")}`;
  return undefined;
}
