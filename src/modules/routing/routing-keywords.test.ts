import { describe, expect, it } from "vitest";
import { KeywordIndex, keywordWords } from "./routing-keywords.js";

/** The keywords of `keywords` the text holds. */
function found(keywords: string[], text: string): string[] {
  const index = new KeywordIndex();
  const ids = keywords.map((keyword) => index.add(keyword));
  const hits = new Uint8Array(index.size);
  index.scan(text.toLowerCase(), hits);
  return keywords.filter((_, position) => {
    const id = ids[position] ?? -1;
    return id !== -1 && hits[id] === 1;
  });
}

describe("keyword matching", () => {
  it("splits text into lower-cased words of any script", () => {
    expect(keywordWords("Refund NOT received!")).toEqual(["refund", "not", "received"]);
    expect(keywordWords("Don't  panic—it's FINE")).toEqual([
      "don",
      "t",
      "panic",
      "it",
      "s",
      "fine",
    ]);
    expect(keywordWords("Rückerstattung für order_42, 東京 😀ok")).toEqual([
      "rückerstattung",
      "für",
      "order_42",
      "東京",
      "ok",
    ]);
    expect(keywordWords("—!?")).toEqual([]);
  });

  it("finds one-word keywords as whole words only", () => {
    expect(found(["refund", "invoice", "ok"], "Refunded? No REFUND, no invoices")).toEqual([
      "refund",
    ]);
    expect(found(["refund"], "refund")).toEqual(["refund"]);
  });

  it("finds phrases as runs of words, whatever separates them", () => {
    const phrases = ["not received", "money back", "charged twice for it"];
    expect(found(phrases, "Parcel NOT\n received, money-back please")).toEqual([
      "not received",
      "money back",
    ]);
    expect(found(phrases, "not yet received; money, back")).toEqual(["money back"]);
    expect(found(phrases, "I was charged charged twice for it")).toEqual(["charged twice for it"]);
    expect(found(phrases, "received not")).toEqual([]);
  });

  it("numbers a keyword once, however many rules list it", () => {
    const index = new KeywordIndex();
    expect(index.add("Refund")).toBe(index.add("refund"));
    expect(index.add("money  back")).toBe(index.add("Money back"));
    expect(index.add("!!")).toBe(-1);
    expect(index.size).toBe(2);
  });
});
