/**
 * What each demo agent can take: how good they are at each skill, how many cases of each channel
 * they work at once, and their shift (agent-shifts.ts). Drawn from a stream of its own, so the
 * roster's names and skills stay what they were before agents had profiles.
 */
import type { AgentShift, Channel } from "../events/event.types.js";
import { buildShift, chooseShiftPattern, weeklyShiftHours } from "./agent-shifts.js";
import { CUSTOMER_LANGUAGES } from "./demo-segments.js";
import { AGENT_LANGUAGES, type DemoTeam } from "./demo-teams.js";
import type { Random } from "./random.js";

export interface AgentProfile {
  /** Skill → level, 1 (basic) to 5 (expert), for every skill the agent has. */
  skillLevels: Record<string, number>;
  /** Cases of each channel the agent works at once. */
  capacity: Record<Channel, number>;
  shift: AgentShift;
  /** The shift as one flag per local hour of the week (weeklyShiftHours). */
  shiftHours: Uint8Array;
}

/** The lowest level at which a team's extra skill counts when routing asks for it. */
export const ROUTABLE_EXTRA_SKILL_LEVEL = 2;
/** The level routing asks of an agent serving a customer in their language. */
export const ROUTABLE_LANGUAGE_LEVEL = 3;

/** Agent languages some customer is served in: the ones routing rules ask for. */
export const ROUTED_LANGUAGES: readonly string[] = AGENT_LANGUAGES.filter((language) =>
  CUSTOMER_LANGUAGES.includes(language),
);

/**
 * Core skills 3–5, extra skills 1–4, English 4–5 and other languages 3–5 (an agent listed as
 * speaking one speaks it well enough to serve a customer in it).
 */
export function drawSkillLevels(
  team: DemoTeam,
  skills: readonly string[],
  random: Random,
): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const skill of skills) {
    if (team.coreSkills.includes(skill)) levels[skill] = random.int(3, 5);
    else if (team.extraSkills.includes(skill)) levels[skill] = random.int(1, 4);
    else if (skill === "en") levels[skill] = random.int(4, 5);
    else levels[skill] = random.int(3, 5);
  }
  return levels;
}

/** Chats 2–3 at once, emails 6–8, one call, 4–6 of every other written channel. */
export function drawCapacity(random: Random): Record<Channel, number> {
  return {
    email: random.int(6, 8),
    phone: 1,
    chat: random.int(2, 3),
    web: random.int(4, 6),
    social: random.int(4, 6),
    api: random.int(4, 6),
  };
}

/**
 * The shift of a team's `member`-th agent: its pattern (early, late or night) and two days off
 * in a row, staggered so that colleagues on the same pattern are off on different days.
 */
export function assignShift(
  team: DemoTeam,
  teamIndex: number,
  member: number,
): { shift: AgentShift; shiftHours: Uint8Array } {
  const pattern = chooseShiftPattern(team, member);
  const colleaguesBefore = Array.from({ length: member }, (_, earlier) =>
    chooseShiftPattern(team, earlier),
  ).filter((earlier) => earlier === pattern).length;
  const shift = buildShift(pattern, (colleaguesBefore * 2 + teamIndex) % 7);
  return { shift, shiftHours: weeklyShiftHours(shift) };
}

/**
 * Makes sure routing can always find someone in a team, whatever combination of skills it asks
 * for: the team's first agent, its most experienced, holds every extra skill of the team at
 * ROUTABLE_EXTRA_SKILL_LEVEL or more and speaks every routed language at ROUTABLE_LANGUAGE_LEVEL
 * or more (core skills everyone holds at 3 or more).
 */
export function coverTeamSkills(
  team: DemoTeam,
  members: readonly { skills: string[]; skillLevels: Record<string, number> }[],
): void {
  const [senior] = members;
  if (senior === undefined) return;
  const wanted = [
    ...team.extraSkills.map((skill) => ({ skill, level: ROUTABLE_EXTRA_SKILL_LEVEL })),
    ...ROUTED_LANGUAGES.map((skill) => ({ skill, level: ROUTABLE_LANGUAGE_LEVEL })),
  ];
  for (const { skill, level } of wanted) {
    if (!senior.skills.includes(skill)) senior.skills.push(skill);
    senior.skillLevels[skill] = Math.max(senior.skillLevels[skill] ?? 0, level);
  }
}
