import { describe, expect, it } from "vitest";
import {
  describeAuditActor,
  describeVerification,
  formatJson,
  shortHash,
  summarizeChange,
} from "./audit.ts";

describe("describeVerification", () => {
  it("reports an intact chain with its length", () => {
    expect(describeVerification({ valid: true, entries: 1 })).toEqual({
      tone: "ok",
      text: "Chain verified: 1 entry",
    });
    expect(describeVerification({ valid: true, entries: 0 }).text).toBe(
      "Chain verified: 0 entries",
    );
  });

  it("names the first broken entry and why", () => {
    expect(
      describeVerification({
        valid: false,
        entries: 40,
        brokenAt: { seq: 17, reason: "hash does not match the entry" },
      }),
    ).toEqual({ tone: "broken", text: "Broken at entry #17: hash does not match the entry" });
  });

  it("still reports a broken chain without a location", () => {
    expect(describeVerification({ valid: false, entries: 3 })).toEqual({
      tone: "broken",
      text: "Chain broken after checking 3 entries",
    });
  });
});

describe("summarizeChange", () => {
  it("lists the fields an update changed", () => {
    expect(
      summarizeChange(
        { name: "Ada", disabled: false, grants: [{ role: "agent" }] },
        { name: "Ada", disabled: true, grants: [{ role: "team_lead" }] },
      ),
    ).toEqual({ kind: "updated", fields: ["disabled", "grants"] });
  });

  it("counts a field that appears or disappears as changed", () => {
    expect(summarizeChange({ a: 1 }, { a: 1, b: 2 })).toEqual({ kind: "updated", fields: ["b"] });
    expect(summarizeChange({ a: 1, b: 2 }, { a: 1 })).toEqual({ kind: "updated", fields: ["b"] });
  });

  it("tells creations and removals from updates", () => {
    expect(summarizeChange(null, { id: "usr-1" })).toEqual({ kind: "created" });
    expect(summarizeChange({ id: "tok-1" }, null)).toEqual({ kind: "removed" });
  });

  it("compares values that are not objects as a whole", () => {
    expect(summarizeChange("draft", "final")).toEqual({ kind: "updated", fields: ["value"] });
    expect(summarizeChange([1], [1])).toEqual({ kind: "none" });
  });

  it("has nothing to report without images or without differences", () => {
    expect(summarizeChange(null, null)).toEqual({ kind: "none" });
    expect(summarizeChange(undefined, undefined)).toEqual({ kind: "none" });
    expect(summarizeChange({ a: 1 }, { a: 1 })).toEqual({ kind: "none" });
  });
});

describe("formatJson", () => {
  it("indents objects and shows a missing image as null", () => {
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatJson(null)).toBe("null");
    expect(formatJson(undefined)).toBe("null");
  });
});

describe("shortHash", () => {
  it("cuts long hashes and leaves short ones", () => {
    expect(shortHash("0123456789abcdef0123")).toBe("0123456789ab…");
    expect(shortHash("abc")).toBe("abc");
  });
});

describe("describeAuditActor", () => {
  const names = (id: string) => ({ "usr-1": "Ada Admin" })[id];

  it("names known users and systems", () => {
    expect(describeAuditActor("user:usr-1", names)).toBe("Ada Admin");
    expect(describeAuditActor("system:demo", names)).toBe("System (demo)");
  });

  it("shows unknown actors as recorded", () => {
    expect(describeAuditActor("user:usr-404", names)).toBe("user:usr-404");
    expect(describeAuditActor("cli", names)).toBe("cli");
  });
});
