import { describe, expect, it } from "vitest";
import { can, requirePermission, scopeCovers, scopeOf } from "./access.js";
import type { Actor } from "./actor.js";

function user(grants: Extract<Actor, { kind: "user" }>["grants"]): Actor {
  return { kind: "user", userId: "u", email: "u@x", name: "U", grants, via: "session" };
}

describe("access scopes", () => {
  const agent = user([{ role: "agent", teams: ["billing"], regions: [] }]);
  const regional = user([
    { role: "team_lead", teams: ["billing"], regions: ["emea"] },
    { role: "analyst", teams: [], regions: [] },
  ]);

  it("gives a permission only through a role that has it", () => {
    expect(can(agent, "case:read")).toBe(true);
    expect(can(agent, "user:write")).toBe(false);
    expect(() => requirePermission(agent, "audit:read")).toThrow(/audit:read/);
    expect(can({ kind: "system", name: "cli" }, "user:write")).toBe(true);
  });

  it("limits a scoped grant to its teams and regions", () => {
    const scope = scopeOf(agent, "case:write");
    expect(scope).toEqual({ all: false, within: [{ teams: ["billing"], regions: [] }] });
    expect(scopeCovers(scope ?? { all: true }, { teamId: "billing", region: "apac" })).toBe(true);
    expect(scopeCovers(scope ?? { all: true }, { teamId: "technical", region: "apac" })).toBe(
      false,
    );
  });

  it("unions grants: an unrestricted grant for a permission opens it everywhere", () => {
    // analyst (unrestricted) reads cases everywhere; only the team lead grant writes, scoped.
    expect(scopeOf(regional, "case:read")).toEqual({ all: true });
    const write = scopeOf(regional, "case:write");
    expect(write).toEqual({ all: false, within: [{ teams: ["billing"], regions: ["emea"] }] });
    expect(scopeCovers(write ?? { all: true }, { teamId: "billing", region: "amer" })).toBe(false);
    expect(scopeCovers(write ?? { all: true }, { teamId: "billing", region: "emea" })).toBe(true);
  });
});
