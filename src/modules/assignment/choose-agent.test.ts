import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.js";
import { CHANNELS, type Channel } from "../events/event.types.js";
import { defaultQueueSettings } from "../queues/queue-settings.js";
import {
  type AgentAvailability,
  assessFeasibility,
  type CaseNeeds,
  isOnShiftAt,
  skillLevelsOf,
  toAgentAvailability,
} from "./agent-availability.js";
import { chooseAgent } from "./choose-agent.js";

// Monday 2 March 2026, 10:00 in Berlin (09:00 UTC).
const MONDAY_10_BERLIN = Date.parse("2026-03-02T09:00:00Z");
const NOW = MONDAY_10_BERLIN;

function agentRecord(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    teamId: "billing",
    name: id,
    skills: [],
    skillLevels: {},
    capacity: {},
    shift: null,
    presence: "available",
    presenceAt: 0,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

function agent(
  id: string,
  overrides: Partial<Agent> = {},
  facts: { load?: Partial<Record<Channel, number>>; lastAssignedAt?: number | null } = {},
): AgentAvailability {
  return toAgentAvailability(
    agentRecord(id, overrides),
    { load: facts.load ?? {}, lastAssignedAt: facts.lastAssignedAt ?? null },
    defaultQueueSettings().defaultCapacity,
    NOW,
  );
}

const chat = (requiredSkills: CaseNeeds["requiredSkills"] = []): CaseNeeds => ({
  teamId: "billing",
  channel: "chat",
  requiredSkills,
});

describe("chooseAgent", () => {
  it("prefers the closest sufficient skill match, keeping the expert free", () => {
    const expert = agent("ann", { skillLevels: { billing: 5 } });
    const enough = agent("bob", { skillLevels: { billing: 3 } }, { load: { chat: 2 } });
    const tooLow = agent("cem", { skillLevels: { billing: 2 } });
    const choice = chooseAgent(
      chat([{ skill: "billing", level: 3 }]),
      [expert, enough, tooLow],
      NOW,
    );
    expect(choice).toEqual({
      agentId: "bob",
      reason: "skill surplus 0, 2/3 chat, not assigned recently",
    });
  });

  it("counts a listed skill without a level as 3", () => {
    expect(skillLevelsOf({ skills: ["refunds", "de"], skillLevels: { de: 5 } })).toEqual(
      new Map([
        ["refunds", 3],
        ["de", 5],
      ]),
    );
    const listed = agent("ann", { skills: ["refunds"] });
    expect(chooseAgent(chat([{ skill: "refunds", level: 3 }]), [listed], NOW)?.agentId).toBe("ann");
    expect(chooseAgent(chat([{ skill: "refunds", level: 4 }]), [listed], NOW)).toBeNull();
  });

  it("then the lowest load relative to capacity, then the least recently assigned", () => {
    const busier = agent("ann", {}, { load: { chat: 1 } });
    const roomier = agent("bob", { capacity: { chat: 6 } }, { load: { chat: 1 } });
    expect(chooseAgent(chat(), [busier, roomier], NOW)?.agentId).toBe("bob");

    const recent = agent("ann", {}, { lastAssignedAt: NOW - 60_000 });
    const earlier = agent("bob", {}, { lastAssignedAt: NOW - 600_000 });
    const never = agent("cem", {}, { lastAssignedAt: null });
    expect(chooseAgent(chat(), [recent, earlier], NOW)).toEqual({
      agentId: "bob",
      reason: `skill surplus 0, 0/3 chat, last assigned ${new Date(NOW - 600_000).toISOString()}`,
    });
    expect(chooseAgent(chat(), [recent, earlier, never], NOW)?.agentId).toBe("cem");
    // Equal in everything: the id decides, whatever the order given.
    expect(chooseAgent(chat(), [agent("zed"), agent("amy")], NOW)?.agentId).toBe("amy");
  });

  it("takes only available agents of the team, on shift, under capacity", () => {
    const berlinDay = {
      timezone: "Europe/Berlin",
      hours: { mon: [["09:00", "17:00"]] },
    } as Agent["shift"];
    const berlinLate = {
      timezone: "Europe/Berlin",
      hours: { mon: [["14:00", "22:00"]] },
    } as Agent["shift"];
    const candidates = [
      agent("away", { presence: "away" }),
      agent("busy", { presence: "busy" }),
      agent("other-team", { teamId: "tech" }),
      agent("full", { capacity: { chat: 2 } }, { load: { chat: 2 } }),
      agent("no-chat", { capacity: { chat: 0 } }),
      agent("late-shift", { shift: berlinLate }),
    ];
    expect(chooseAgent(chat(), candidates, NOW)).toBeNull();
    const onShift = agent("day-shift", { shift: berlinDay });
    expect(chooseAgent(chat(), [...candidates, onShift], NOW)?.agentId).toBe("day-shift");
    // At 17:00 Berlin the day shift has ended (spans are half-open) and the late one runs.
    const fivePm = NOW + 7 * 60 * 60_000;
    expect(chooseAgent(chat(), [...candidates, onShift], fivePm)?.agentId).toBe("late-shift");
  });

  it("answers on shift from the loaded instant, and recomputes for another instant", () => {
    const shifted = agent("ann", {
      shift: { timezone: "Europe/Berlin", hours: { mon: [["09:00", "10:30"]] } },
    });
    expect(shifted.onShift).toBe(true);
    expect(isOnShiftAt(shifted, NOW)).toBe(true);
    expect(isOnShiftAt(shifted, NOW + 30 * 60_000)).toBe(false);
    // A shift the API would refuse (an imported event, say) counts as off shift, not always on.
    const broken = agent("bob", {
      shift: { timezone: "Mars/Olympus", hours: { mon: [["09:00", "17:00"]] } },
    });
    expect(broken.onShift).toBe(false);
    expect(isOnShiftAt(broken, NOW + 60_000)).toBe(false);
  });

  it("decides among 500 agents well within the routing budget", () => {
    const agents: AgentAvailability[] = [];
    for (let index = 0; index < 500; index++) {
      agents.push(
        agent(
          `agent-${String(index).padStart(3, "0")}`,
          {
            skillLevels: { billing: 1 + (index % 5), de: 1 + ((index * 7) % 5) },
            shift:
              index % 2 === 0
                ? { timezone: "Europe/Berlin", hours: { mon: [["08:00", "18:00"]] } }
                : null,
          },
          { load: { chat: index % 4 }, lastAssignedAt: NOW - index * 1_000 },
        ),
      );
    }
    const needs = chat([
      { skill: "billing", level: 3 },
      { skill: "de", level: 2 },
    ]);
    const timings: number[] = [];
    let chosen: string | undefined;
    // The first rounds compile the code; measure after them.
    for (let round = 0; round < 2_300; round++) {
      const started = performance.now();
      chosen = chooseAgent(needs, agents, NOW + (round % 10))?.agentId;
      if (round >= 300) timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    // The smallest surplus is 1 (billing 4, de 2: every 5th agent from 3), the lowest load 0
    // (every 4th), and of those (8, 28, … 488) the least recently assigned.
    expect(chosen).toBe("agent-488");
    // The lead's target is p99 < 2 ms for rules and agent choice together.
    expect(timings[Math.floor(timings.length * 0.99)]).toBeLessThan(2);
  });
});

describe("assessFeasibility", () => {
  const needs = chat([{ skill: "billing", level: 3 }]);

  it("is 1 when a skilled agent on shift is available with room", () => {
    expect(assessFeasibility(needs, [agent("ann", { skillLevels: { billing: 4 } })], NOW)).toEqual({
      value: 1,
      input: "1 agent with billing ≥ 3 on shift can take it now",
    });
  });

  it("is 0.5 when skilled agents on shift are all busy or full", () => {
    const agents = [
      agent("ann", { skillLevels: { billing: 4 }, presence: "busy" }),
      agent("bob", { skillLevels: { billing: 3 }, capacity: { chat: 1 } }, { load: { chat: 1 } }),
      agent("cem", { skillLevels: { billing: 5 }, presence: "away" }),
    ];
    expect(assessFeasibility(needs, agents, NOW)).toEqual({
      value: 0.5,
      input: "2 agents with billing ≥ 3 on shift, all busy or at capacity on chat",
    });
  });

  it("is 0 when nobody on shift holds the skills", () => {
    const agents = [
      agent("ann", { skillLevels: { billing: 2 } }),
      agent("bob", {
        skillLevels: { billing: 5 },
        shift: { timezone: "Europe/Berlin", hours: { tue: [["09:00", "17:00"]] } },
      }),
    ];
    expect(assessFeasibility(needs, agents, NOW)).toEqual({
      value: 0,
      input: "no agents with billing ≥ 3 on shift",
    });
    expect(assessFeasibility(chat(), [], NOW)).toEqual({ value: 0, input: "no agents on shift" });
  });

  it("fills every channel's capacity from the defaults where the agent sets none", () => {
    const loaded = agent("ann", { capacity: { phone: 2 } });
    expect(CHANNELS.map((channel) => loaded.capacity[channel])).toEqual([8, 3, 2, 6, 6, 8]);
  });
});
