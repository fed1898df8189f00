import { describe, expect, it } from "vitest";
import {
  allowedItems,
  type Gated,
  hasAnyPermission,
  hasPermission,
  homePathFor,
} from "./access.ts";

const ITEMS: (Gated & { label: string; path?: string })[] = [
  { label: "Cases", path: "/cases", requires: ["case:read"] },
  { label: "Governance", path: "/admin", requires: ["user:read", "audit:read"] },
  { label: "Metrics" },
];

describe("hasPermission", () => {
  it("checks one permission", () => {
    expect(hasPermission(["case:read", "token:own"], "token:own")).toBe(true);
    expect(hasPermission(["case:read"], "user:write")).toBe(false);
  });
});

describe("hasAnyPermission", () => {
  it("needs one of the required permissions, or none when nothing is required", () => {
    expect(hasAnyPermission(["audit:read"], ["user:read", "audit:read"])).toBe(true);
    expect(hasAnyPermission(["case:read"], ["user:read", "audit:read"])).toBe(false);
    expect(hasAnyPermission([], [])).toBe(true);
  });
});

describe("allowedItems", () => {
  it("keeps ungated items and those whose permission is granted", () => {
    expect(allowedItems(ITEMS, ["case:read"]).map((item) => item.label)).toEqual([
      "Cases",
      "Metrics",
    ]);
    expect(allowedItems(ITEMS, ["audit:read"]).map((item) => item.label)).toEqual([
      "Governance",
      "Metrics",
    ]);
  });
});

describe("homePathFor", () => {
  it("is the first allowed area with a path", () => {
    expect(homePathFor(ITEMS, ["case:read", "user:read"])).toBe("/cases");
    expect(homePathFor(ITEMS, ["audit:read"])).toBe("/admin");
  });

  it("is null when no area with a path is allowed", () => {
    expect(homePathFor(ITEMS, ["token:own"])).toBeNull();
  });
});
