import { describe, expect, it } from "vitest";
import {
  numberFromText,
  percentTextFromShare,
  shareFromPercentText,
  textFromNumber,
} from "./number-text.ts";

describe("numberFromText", () => {
  it("reads numbers and marks anything else as NaN", () => {
    expect(numberFromText(" 30 ")).toBe(30);
    expect(numberFromText("1.5")).toBe(1.5);
    expect(numberFromText("")).toBeNaN();
    expect(numberFromText("ten")).toBeNaN();
  });

  it("round-trips with textFromNumber", () => {
    expect(textFromNumber(480)).toBe("480");
    expect(textFromNumber(undefined)).toBe("");
    expect(numberFromText(textFromNumber(480))).toBe(480);
  });
});

describe("percent text", () => {
  it("turns a share into a percentage and back", () => {
    expect(percentTextFromShare(0.75)).toBe("75");
    expect(percentTextFromShare(0.333)).toBe("33.3");
    expect(shareFromPercentText("75")).toBe(0.75);
    expect(shareFromPercentText("33.3")).toBe(0.333);
    expect(shareFromPercentText("")).toBeNaN();
  });
});
