import { describe, expect, it } from "vitest";
import type { Grant } from "../api/types.ts";
import {
  describeGrantScope,
  draftToGrantInput,
  formatGrant,
  grantsAllowForTeam,
  grantToDraft,
  newGrantDraft,
  roleLabelsOf,
} from "./grants.ts";

const teamName = (id: string) => ({ billing: "Billing & Payments" })[id] ?? id;

function grant(role: Grant["role"], teams: string[] = [], regions: string[] = []): Grant {
  return { role, teams, regions };
}

describe("describeGrantScope", () => {
  it("reads empty lists as everything", () => {
    expect(describeGrantScope(grant("admin"), teamName)).toBe("all teams and regions");
  });

  it("names teams by name and lists regions", () => {
    expect(describeGrantScope(grant("agent", ["billing", "frontline"]), teamName)).toBe(
      "teams: Billing & Payments, frontline",
    );
    expect(describeGrantScope(grant("analyst", [], ["emea", "apac"]), teamName)).toBe(
      "regions: emea, apac",
    );
    expect(describeGrantScope(grant("team_lead", ["billing"], ["emea"]), teamName)).toBe(
      "teams: Billing & Payments; regions: emea",
    );
  });
});

describe("formatGrant", () => {
  it("puts the role's label before the scope", () => {
    expect(formatGrant(grant("team_lead", ["billing"]), teamName)).toBe(
      "Team lead (teams: Billing & Payments)",
    );
    expect(formatGrant(grant("ops_manager"), teamName)).toBe("Ops manager (all teams and regions)");
  });
});

describe("roleLabelsOf", () => {
  it("lists each role once, most powerful first", () => {
    expect(
      roleLabelsOf([grant("agent", ["billing"]), grant("admin"), grant("agent", ["frontline"])]),
    ).toEqual(["Admin", "Agent"]);
    expect(roleLabelsOf([])).toEqual([]);
  });
});

describe("grant drafts", () => {
  it("start as an unrestricted agent", () => {
    expect(draftToGrantInput(newGrantDraft())).toEqual({ role: "agent", teams: [], regions: [] });
  });

  it("round-trip a grant, parsing the typed regions", () => {
    const draft = grantToDraft(grant("team_lead", ["billing"], ["emea", "amer"]));
    expect(draft.regionsText).toBe("emea, amer");
    expect(draftToGrantInput({ ...draft, regionsText: "emea, apac , ,emea" })).toEqual({
      role: "team_lead",
      teams: ["billing"],
      regions: ["emea", "apac"],
    });
  });

  it("drop a team picked twice", () => {
    expect(
      draftToGrantInput({ role: "agent", teams: ["billing", "billing"], regionsText: "" }),
    ).toEqual({ role: "agent", teams: ["billing"], regions: [] });
  });
});

describe("grantsAllowForTeam", () => {
  it("allows a team lead over their own team only", () => {
    const lead = [grant("team_lead", ["billing"])];
    expect(grantsAllowForTeam(lead, "agent:write", "billing")).toBe(true);
    expect(grantsAllowForTeam(lead, "agent:write", "technical")).toBe(false);
  });

  it("allows a grant for all teams, and refuses a role without the permission", () => {
    expect(grantsAllowForTeam([grant("ops_manager")], "agent:write", "technical")).toBe(true);
    expect(grantsAllowForTeam([grant("agent")], "agent:write", "billing")).toBe(false);
    expect(grantsAllowForTeam([grant("analyst")], "agent:write", "billing")).toBe(false);
  });

  it("refuses a grant narrowed to regions: a team's agents have none", () => {
    expect(grantsAllowForTeam([grant("team_lead", [], ["emea"])], "agent:write", "billing")).toBe(
      false,
    );
  });
});
