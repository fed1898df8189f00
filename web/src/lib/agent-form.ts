/**
 * An agent's working profile as the team page edits it (docs/queues.md, "Agents"): skills with
 * levels, their own capacity per channel (empty: the workspace default), and a weekly shift in a
 * time zone (none: on shift whenever available).
 */
import { CHANNELS, type Channel } from "../../../src/modules/events/event.types.ts";
import type { AgentShift, AgentUpdate } from "../api/agents.ts";
import { WEEKDAYS } from "../api/settings-types.ts";
import type { Agent } from "../api/types.ts";
import { draftToHours, hoursToDraft, officeHoursDraft, type WeekDraft } from "./calendar-form.ts";
import { WEEKDAY_LABELS } from "./labels.ts";
import { numberFromText, textFromNumber } from "./number-text.ts";

/** The level of a skill an agent holds without one (the server counts it as 3). */
export const DEFAULT_SKILL_LEVEL = 3;

export interface AgentSkill {
  skill: string;
  level: number;
}

export interface AgentDraft {
  skills: AgentSkill[];
  /** Channel → the agent's own capacity as typed; "" takes the workspace default. */
  capacity: Record<Channel, string>;
  hasShift: boolean;
  timezone: string;
  hours: WeekDraft;
}

/** The agent's skills in their order, each with its level. */
export function skillsOf(agent: Pick<Agent, "skills" | "skillLevels">): AgentSkill[] {
  return agent.skills.map((skill) => ({
    skill,
    level: agent.skillLevels[skill] ?? DEFAULT_SKILL_LEVEL,
  }));
}

/** The agent for editing; a new shift starts as office hours in `timeZone`. */
export function agentToDraft(agent: Agent, timeZone: string): AgentDraft {
  const capacity = {} as Record<Channel, string>;
  for (const channel of CHANNELS) capacity[channel] = textFromNumber(agent.capacity[channel]);
  return {
    skills: skillsOf(agent),
    capacity,
    hasShift: agent.shift !== null,
    timezone: agent.shift?.timezone ?? timeZone,
    hours: agent.shift === null ? officeHoursDraft() : hoursToDraft(agent.shift.hours),
  };
}

/**
 * The PATCH body: every skill with its level, the capacities typed (a number that does not parse
 * is sent as null, so the server names it), and the shift when the agent has one. Without a shift
 * nothing is sent: the API cannot remove a shift.
 */
export function draftToAgentUpdate(draft: AgentDraft): AgentUpdate {
  const skills = draft.skills.map((item) => ({ ...item, skill: item.skill.trim() }));
  const capacity: Partial<Record<Channel, number>> = {};
  for (const channel of CHANNELS) {
    if (draft.capacity[channel].trim() !== "") {
      capacity[channel] = numberFromText(draft.capacity[channel]);
    }
  }
  const update: AgentUpdate = {
    skills: skills.map((item) => item.skill),
    skillLevels: Object.fromEntries(skills.map((item) => [item.skill, item.level])),
    capacity,
  };
  if (draft.hasShift) update.shift = { timezone: draft.timezone, hours: draftToHours(draft.hours) };
  return update;
}

const SHORT_DAY = Object.fromEntries(
  WEEKDAYS.map((day) => [day, WEEKDAY_LABELS[day].slice(0, 3)]),
) as Record<(typeof WEEKDAYS)[number], string>;

/**
 * A shift in one line, days with the same hours run together:
 * "Mon–Fri 09:00–17:00 · Sat 10:00–14:00 (Europe/Berlin)"; null → "Always on shift".
 */
export function describeShift(shift: AgentShift | null): string {
  if (shift === null) return "Always on shift";
  const groups: { first: string; last: string; hours: string }[] = [];
  let previous: string | null = null;
  for (const day of WEEKDAYS) {
    const spans = shift.hours[day] ?? [];
    const hours = spans.map(([start, end]) => `${start}–${end}`).join(", ");
    const last = groups[groups.length - 1];
    if (hours !== "" && last !== undefined && previous === hours) last.last = SHORT_DAY[day];
    else if (hours !== "") groups.push({ first: SHORT_DAY[day], last: SHORT_DAY[day], hours });
    previous = hours;
  }
  if (groups.length === 0) return `No working hours (${shift.timezone})`;
  const text = groups
    .map((group) => {
      const days = group.first === group.last ? group.first : `${group.first}–${group.last}`;
      return `${days} ${group.hours}`;
    })
    .join(" · ");
  return `${text} (${shift.timezone})`;
}
