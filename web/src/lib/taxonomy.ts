/** The case categories of the taxonomy as the pickers offer them. */
import type { TaxonomyDocument } from "../api/settings-types.ts";

export interface CategoryOption {
  /** `top/sub`, as cases carry it. */
  value: string;
  /** "Billing › Refund" */
  label: string;
}

/** Every `top/sub` of the taxonomy, in its order. */
export function categoryOptions(taxonomy: TaxonomyDocument): CategoryOption[] {
  return taxonomy.categories.flatMap((top) =>
    top.subcategories.map((sub) => ({
      value: `${top.id}/${sub.id}`,
      label: `${top.name} › ${sub.name}`,
    })),
  );
}
