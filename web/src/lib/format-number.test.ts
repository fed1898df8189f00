import { describe, expect, it } from "vitest";
import { formatCountOf } from "./format-number.ts";

describe("formatCountOf", () => {
  it("uses the singular only for exactly one", () => {
    expect(formatCountOf(1, "case")).toBe("1 case");
    expect(formatCountOf(0, "case")).toBe("0 cases");
    expect(formatCountOf(2, "customer")).toBe("2 customers");
  });

  it("accepts an irregular plural", () => {
    expect(formatCountOf(3, "entry", "entries")).toBe("3 entries");
  });
});
