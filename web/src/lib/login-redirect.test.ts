import { describe, expect, it } from "vitest";
import { loginPathFor, safeNextPath } from "./login-redirect.ts";

describe("loginPathFor", () => {
  it("carries the current path, query and fragment in next", () => {
    expect(loginPathFor({ pathname: "/admin/users", search: "?x=1", hash: "#top" })).toBe(
      "/login?next=%2Fadmin%2Fusers%3Fx%3D1%23top",
    );
  });

  it("needs no next for the site root or the login page", () => {
    expect(loginPathFor({ pathname: "/", search: "", hash: "" })).toBe("/login");
    expect(loginPathFor({ pathname: "/login", search: "?next=%2Fcases", hash: "" })).toBe("/login");
  });
});

describe("safeNextPath", () => {
  it("accepts paths on this site", () => {
    expect(safeNextPath("/cases?team=billing")).toBe("/cases?team=billing");
    expect(safeNextPath("/cases/cas-1#journey")).toBe("/cases/cas-1#journey");
  });

  it("round-trips what loginPathFor produced", () => {
    const login = loginPathFor({ pathname: "/audit", search: "?actor=user%3Ausr-1", hash: "" });
    const next = new URL(login, "http://localhost").searchParams.get("next");
    expect(safeNextPath(next)).toBe("/audit?actor=user%3Ausr-1");
  });

  it("refuses targets off this site", () => {
    expect(safeNextPath("https://evil.example/")).toBeNull();
    expect(safeNextPath("//evil.example/path")).toBeNull();
    expect(safeNextPath("/\\evil.example")).toBeNull();
    expect(safeNextPath("javascript:alert(1)")).toBeNull();
  });

  it("refuses nothing, blanks and the login page", () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath("")).toBeNull();
    expect(safeNextPath("/login?next=%2Fcases")).toBeNull();
  });
});
