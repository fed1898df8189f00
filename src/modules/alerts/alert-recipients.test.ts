import { describe, expect, it } from "vitest";
import {
  type PossibleRecipient,
  resolveAlertRecipients,
  scopeOfSlice,
} from "./alert-recipients.js";

const users: PossibleRecipient[] = [
  { id: "u-admin", disabled: false, grants: [{ role: "admin", teams: [], regions: [] }] },
  { id: "u-manager", disabled: false, grants: [{ role: "ops_manager", teams: [], regions: [] }] },
  {
    id: "u-lead-billing",
    disabled: false,
    grants: [{ role: "team_lead", teams: ["billing"], regions: [] }],
  },
  {
    id: "u-manager-emea",
    disabled: false,
    grants: [{ role: "ops_manager", teams: [], regions: ["emea"] }],
  },
  { id: "u-analyst", disabled: false, grants: [{ role: "analyst", teams: [], regions: [] }] },
  { id: "u-agent", disabled: false, grants: [{ role: "agent", teams: [], regions: [] }] },
  { id: "u-gone", disabled: true, grants: [{ role: "admin", teams: [], regions: [] }] },
];
const roles = ["admin", "ops_manager", "team_lead"] as const;
const agentTeams = new Map([["agent-7", "billing"]]);

describe("resolveAlertRecipients", () => {
  it("tells only unrestricted holders about workspace-wide slices", () => {
    const scope = scopeOfSlice({ dim: "categoryTop", key: "orders" }, agentTeams);
    expect(resolveAlertRecipients(users, roles, scope)).toEqual(["u-admin", "u-manager"]);
  });

  it("adds the team's leads for a team slice, and an agent's team for an agent slice", () => {
    const team = scopeOfSlice({ dim: "team", key: "billing" }, agentTeams);
    expect(resolveAlertRecipients(users, roles, team)).toEqual([
      "u-admin",
      "u-lead-billing",
      "u-manager",
    ]);
    const agent = scopeOfSlice({ dim: "agent", key: "agent-7" }, agentTeams);
    expect(resolveAlertRecipients(users, roles, agent)).toContain("u-lead-billing");
    const otherTeam = scopeOfSlice({ dim: "team", key: "logistics" }, agentTeams);
    expect(resolveAlertRecipients(users, roles, otherTeam)).not.toContain("u-lead-billing");
  });

  it("adds the region's managers for a region slice", () => {
    const scope = scopeOfSlice({ dim: "region", key: "emea" }, agentTeams);
    expect(resolveAlertRecipients(users, roles, scope)).toEqual([
      "u-admin",
      "u-manager",
      "u-manager-emea",
    ]);
  });

  it("notifies the roles the rule names, never disabled users", () => {
    expect(resolveAlertRecipients(users, ["analyst"], {})).toEqual(["u-analyst"]);
    expect(resolveAlertRecipients(users, ["agent"], {})).toEqual([]);
  });
});
