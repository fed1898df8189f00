import { describe, expect, it } from "vitest";
import type { RoleInfo } from "../api/types.ts";
import { permissionRows } from "./role-matrix.ts";

const roles = [
  { role: "agent", description: "", permissions: ["token:own", "case:read"] },
  { role: "auditor", description: "", permissions: ["case:read", "audit:read"] },
] as RoleInfo[];

describe("permissionRows", () => {
  it("lists held permissions in documented order with one cell per role", () => {
    expect(permissionRows(roles)).toEqual([
      { permission: "case:read", held: [true, true] },
      { permission: "audit:read", held: [false, true] },
      { permission: "token:own", held: [true, false] },
    ]);
  });

  it("keeps permissions the web app does not know, after the known ones", () => {
    const withNew = [
      { role: "admin", description: "", permissions: ["report:export", "case:read"] },
    ] as unknown as RoleInfo[];
    expect(permissionRows(withNew).map((row) => row.permission)).toEqual([
      "case:read",
      "report:export",
    ]);
  });

  it("is empty without roles", () => {
    expect(permissionRows([])).toEqual([]);
  });
});
