import { describe, expect, it } from "vitest";
import { categoryOptions } from "./taxonomy.ts";

describe("categoryOptions", () => {
  it("lists every subcategory as top/sub, in the taxonomy's order", () => {
    expect(
      categoryOptions({
        categories: [
          {
            id: "billing",
            name: "Billing",
            subcategories: [
              { id: "refund", name: "Refund" },
              { id: "invoice", name: "Invoice" },
            ],
          },
          { id: "empty", name: "Empty", subcategories: [] },
        ],
        rootCauses: [],
      }),
    ).toEqual([
      { value: "billing/refund", label: "Billing › Refund" },
      { value: "billing/invoice", label: "Billing › Invoice" },
    ]);
  });
});
