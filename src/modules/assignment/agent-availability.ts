import type { Agent } from "../agents/agent.js";
import {
  type AgentPresence,
  type CaseStatus,
  CHANNELS,
  type Channel,
  type SkillRequirement,
} from "../events/event.types.js";
import { type BusinessCalendar, computeDueAtMillis, parseCalendar } from "../sla/calendar.js";

/**
 * Whether an agent can take a case now, as plain data: presence, shift, load against capacity
 * and skill levels. Pure; agent-availability.service.ts loads it, chooseAgent (choose-agent.ts)
 * and the feasibility term of the priority score read it.
 */

/** Statuses of a case that occupies its agent: everything not resolved or closed. */
export const LOAD_CASE_STATUSES = [
  "new",
  "open",
  "pending_customer",
  "pending_internal",
] as const satisfies readonly CaseStatus[];

/** The level of a skill listed in `skills` without a level in `skillLevels`. */
export const DEFAULT_SKILL_LEVEL = 3;

/** One agent's availability, as loaded at `asOf`. */
export interface AgentAvailability {
  agentId: string;
  teamId: string;
  presence: AgentPresence;
  /** The agent's working hours; null: always on shift. */
  shift: BusinessCalendar | null;
  /** Whether the agent was on shift at `asOf`. */
  onShift: boolean;
  /** The instant (epoch ms) the availability was loaded for. */
  asOf: number;
  /** Skill → level 1–5, listed skills without a level at DEFAULT_SKILL_LEVEL. */
  skillLevels: ReadonlyMap<string, number>;
  /** Open cases assigned to the agent, per channel. */
  load: Record<Channel, number>;
  /** How many cases of each channel the agent works at once (their own, else the default). */
  capacity: Record<Channel, number>;
  /** The agent's latest `case.assigned` in the look-back window; null when none. */
  lastAssignedAt: number | null;
}

/** What a case needs from an agent. */
export interface CaseNeeds {
  teamId: string;
  channel: Channel;
  requiredSkills: readonly SkillRequirement[];
}

/** The agent's skills with their levels (`skillLevels` wins over a bare listing in `skills`). */
export function skillLevelsOf(agent: Pick<Agent, "skills" | "skillLevels">): Map<string, number> {
  const levels = new Map<string, number>();
  for (const skill of agent.skills) levels.set(skill, DEFAULT_SKILL_LEVEL);
  for (const [skill, level] of Object.entries(agent.skillLevels)) levels.set(skill, level);
  return levels;
}

/**
 * How far the agent's levels exceed what the case needs, summed over its required skills
 * (0: an exact match), or -1 when a required skill is missing or held below its level.
 */
export function skillSurplus(
  agent: Pick<AgentAvailability, "skillLevels">,
  required: readonly SkillRequirement[],
): number {
  let surplus = 0;
  for (const requirement of required) {
    const level = agent.skillLevels.get(requirement.skill);
    if (level === undefined || level < requirement.level) return -1;
    surplus += level - requirement.level;
  }
  return surplus;
}

/**
 * A stored shift as a calendar, or null when it is not one (an imported event may carry a shift
 * the API would refuse); such an agent counts as off shift rather than always on.
 */
export function shiftCalendarOf(agent: Pick<Agent, "shift">): BusinessCalendar | null | "invalid" {
  if (agent.shift === null) return null;
  const parsed = parseCalendar({ ...agent.shift, holidays: [] });
  return parsed.ok ? parsed.calendar : "invalid";
}

/** Whether `now` lies inside an open span of the shift (spans are half-open: [start, end)). */
export function isShiftOpenAt(shift: BusinessCalendar, now: number): boolean {
  // 0 business minutes from an open instant is that instant; from a closed one, the next opening.
  return computeDueAtMillis(shift, new Date(now), 0) === now;
}

const MINUTE_MS = 60_000;

/**
 * Whether the agent is on shift at `now`. Shift spans begin and end on whole minutes (local
 * "HH:MM" in zones whose offsets are whole minutes), so the answer loaded for `asOf` holds for
 * the rest of that minute; only another minute asks the calendar again. This keeps a routing
 * decision over hundreds of agents free of calendar work.
 */
export function isOnShiftAt(agent: AgentAvailability, now: number): boolean {
  if (agent.shift === null) return agent.onShift;
  if (Math.floor(now / MINUTE_MS) === Math.floor(agent.asOf / MINUTE_MS)) return agent.onShift;
  return isShiftOpenAt(agent.shift, now);
}

function perChannel(value: (channel: Channel) => number): Record<Channel, number> {
  const record = {} as Record<Channel, number>;
  for (const channel of CHANNELS) record[channel] = value(channel);
  return record;
}

/** An agent's availability at `now` from their record and what the store knows of their work. */
export function toAgentAvailability(
  agent: Agent,
  facts: { load: Partial<Record<Channel, number>>; lastAssignedAt: number | null },
  defaultCapacity: Record<Channel, number>,
  now: number,
): AgentAvailability {
  const shift = shiftCalendarOf(agent);
  return {
    agentId: agent.id,
    teamId: agent.teamId,
    presence: agent.presence,
    shift: shift === "invalid" ? null : shift,
    onShift: shift === "invalid" ? false : shift === null || isShiftOpenAt(shift, now),
    asOf: now,
    skillLevels: skillLevelsOf(agent),
    load: perChannel((channel) => facts.load[channel] ?? 0),
    capacity: perChannel((channel) => agent.capacity[channel] ?? defaultCapacity[channel]),
    lastAssignedAt: facts.lastAssignedAt,
  };
}

/** Records in a loaded availability that the agent took a case (the push job assigns in a loop). */
export function noteAssignment(agent: AgentAvailability, channel: Channel, at: number): void {
  agent.load[channel] += 1;
  agent.lastAssignedAt = at;
}

/** The feasibility term of the priority score (docs/queues.md), with what it was read from. */
export interface Feasibility {
  value: 0 | 0.5 | 1;
  input: string;
}

/**
 * Whether someone can take the case: 1 when an agent of its team who is on shift, available and
 * under capacity on its channel holds every required skill at its level; 0.5 when such skilled
 * agents are on shift and not away but all busy or at capacity; 0 when nobody on shift could.
 */
export function assessFeasibility(
  needs: CaseNeeds,
  agents: readonly AgentAvailability[],
  now: number,
): Feasibility {
  let ready = 0;
  let occupied = 0;
  for (const agent of agents) {
    if (agent.teamId !== needs.teamId || agent.presence === "away") continue;
    if (skillSurplus(agent, needs.requiredSkills) < 0 || !isOnShiftAt(agent, now)) continue;
    const free = agent.load[needs.channel] < agent.capacity[needs.channel];
    if (agent.presence === "available" && free) ready += 1;
    else occupied += 1;
  }
  const skills = needs.requiredSkills.map((need) => `${need.skill} ≥ ${need.level}`).join(", ");
  const who = (count: number) =>
    `${count === 1 ? "agent" : "agents"}${skills === "" ? "" : ` with ${skills}`}`;
  if (ready > 0) {
    return { value: 1, input: `${ready} ${who(ready)} on shift can take it now` };
  }
  if (occupied > 0) {
    return {
      value: 0.5,
      input: `${occupied} ${who(occupied)} on shift, all busy or at capacity on ${needs.channel}`,
    };
  }
  return { value: 0, input: `no ${who(0)} on shift` };
}
