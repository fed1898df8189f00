import { describe, expect, it } from "vitest";
import { formatCommaList, parseCommaList } from "./comma-list.ts";

describe("parseCommaList", () => {
  it("trims entries and drops empty ones and repeats, keeping the typed order", () => {
    expect(parseCommaList(" billing, frontline,,billing ")).toEqual(["billing", "frontline"]);
    expect(parseCommaList("emea")).toEqual(["emea"]);
  });

  it("reads blank text as an empty list", () => {
    expect(parseCommaList("")).toEqual([]);
    expect(parseCommaList(" , ,")).toEqual([]);
  });
});

describe("formatCommaList", () => {
  it("round-trips through parseCommaList", () => {
    const entries = ["emea", "apac"];
    expect(formatCommaList(entries)).toBe("emea, apac");
    expect(parseCommaList(formatCommaList(entries))).toEqual(entries);
    expect(formatCommaList([])).toBe("");
  });
});
