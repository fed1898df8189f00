import { describe, expect, it } from "vitest";
import type { CaseLink } from "../api/types.ts";
import { describeLink, sortLinks } from "./case-links.ts";

describe("describeLink", () => {
  it("reads a link from the side of the case being viewed", () => {
    expect(describeLink({ kind: "recontact_of", direction: "outgoing" })).toBe("Recontact of");
    expect(describeLink({ kind: "recontact_of", direction: "incoming" })).toBe("Recontacted in");
    expect(describeLink({ kind: "child_of", direction: "incoming" })).toBe("Parent of");
    expect(describeLink({ kind: "merged_into", direction: "incoming" })).toBe("Merged from");
  });
});

describe("sortLinks", () => {
  it("orders by kind, then outgoing first, then case id", () => {
    const link = (kind: CaseLink["kind"], direction: CaseLink["direction"], caseId: string) =>
      ({ kind, direction, caseId, source: "manual" }) as const;
    const sorted = sortLinks([
      link("duplicate_of", "outgoing", "c-9"),
      link("recontact_of", "incoming", "c-2"),
      link("recontact_of", "outgoing", "c-5"),
      link("recontact_of", "incoming", "c-1"),
    ]);
    expect(sorted.map((item) => `${item.kind}:${item.direction}:${item.caseId}`)).toEqual([
      "recontact_of:outgoing:c-5",
      "recontact_of:incoming:c-1",
      "recontact_of:incoming:c-2",
      "duplicate_of:outgoing:c-9",
    ]);
  });
});
