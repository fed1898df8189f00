import { describe, expect, it } from "vitest";
import { toCssToken } from "./css-token.ts";

describe("toCssToken", () => {
  it("keeps letters and digits and joins the rest with dashes", () => {
    expect(toCssToken("case.opened")).toBe("case-opened");
    expect(toCssToken(" Gold Plus! ")).toBe("gold-plus");
    expect(toCssToken("tier_2")).toBe("tier-2");
  });
});
