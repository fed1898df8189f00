import { describe, expect, it } from "vitest";
import type { Agent } from "../api/types.ts";
import { agentToDraft, describeShift, draftToAgentUpdate, skillsOf } from "./agent-form.ts";

function agent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: "ag-1",
    teamId: "billing",
    name: "Bea",
    skills: ["billing", "german"],
    skillLevels: { german: 5 },
    capacity: { chat: 2 },
    shift: null,
    presence: "available",
    presenceAt: "2024-05-01T08:00:00.000Z",
    load: { email: 0, chat: 1, phone: 0, web: 0, social: 0, api: 0 },
    createdAt: "2024-05-01T08:00:00.000Z",
    updatedAt: "2024-05-01T08:00:00.000Z",
    ...overrides,
  };
}

describe("skillsOf", () => {
  it("gives a skill without a level the server's default, 3", () => {
    expect(skillsOf(agent())).toEqual([
      { skill: "billing", level: 3 },
      { skill: "german", level: 5 },
    ]);
  });
});

describe("agent drafts", () => {
  it("round-trips skills, own capacities and a shift", () => {
    const draft = agentToDraft(
      agent({ shift: { timezone: "Europe/Berlin", hours: { mon: [["09:00", "17:00"]] } } }),
      "UTC",
    );
    expect(draft.capacity.chat).toBe("2");
    expect(draft.capacity.email).toBe("");
    expect(draft.hours.tue).toEqual([]);
    expect(draftToAgentUpdate(draft)).toEqual({
      skills: ["billing", "german"],
      skillLevels: { billing: 3, german: 5 },
      capacity: { chat: 2 },
      shift: { timezone: "Europe/Berlin", hours: { mon: [["09:00", "17:00"]] } },
    });
  });

  it("starts a new shift as office hours in the viewer's zone, and sends none while off", () => {
    const draft = agentToDraft(agent(), "America/Chicago");
    expect(draft.hasShift).toBe(false);
    expect(draft.timezone).toBe("America/Chicago");
    expect(draft.hours.fri).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(draftToAgentUpdate(draft).shift).toBeUndefined();
  });

  it("sends a capacity that does not parse as null for the server to name", () => {
    const draft = agentToDraft(agent(), "UTC");
    draft.capacity.phone = "two";
    expect(JSON.parse(JSON.stringify(draftToAgentUpdate(draft).capacity))).toEqual({
      chat: 2,
      phone: null,
    });
  });
});

describe("describeShift", () => {
  it("runs days with the same hours together", () => {
    const weekdays = [["09:00", "17:00"]] as [string, string][];
    expect(
      describeShift({
        timezone: "Europe/Berlin",
        hours: {
          mon: weekdays,
          tue: weekdays,
          wed: weekdays,
          thu: weekdays,
          fri: weekdays,
          sat: [["10:00", "14:00"]],
        },
      }),
    ).toBe("Mon–Fri 09:00–17:00 · Sat 10:00–14:00 (Europe/Berlin)");
  });

  it("does not join days across a closed day", () => {
    const hours = [["08:00", "12:00"]] as [string, string][];
    expect(describeShift({ timezone: "UTC", hours: { mon: hours, wed: hours } })).toBe(
      "Mon 08:00–12:00 · Wed 08:00–12:00 (UTC)",
    );
  });

  it("names no shift and an empty one", () => {
    expect(describeShift(null)).toBe("Always on shift");
    expect(describeShift({ timezone: "UTC", hours: {} })).toBe("No working hours (UTC)");
  });
});
