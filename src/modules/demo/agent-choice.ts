/**
 * Who takes a case: an agent of the team who is on shift and has the skills routing asked for,
 * as the assignment engine would choose. When nobody fits, the best available stand-in: someone
 * with the skills called in off shift, else a colleague on shift, else anyone in the team (a
 * team always has at least one agent).
 */
import type { RequiredSkill } from "../routing/routing-rules.js";
import { isOnShift } from "./agent-shifts.js";
import type { DemoTeamId } from "./demo-teams.js";
import type { Random } from "./random.js";
import type { DemoAgent, Roster } from "./roster.js";

export function hasSkills(agent: DemoAgent, skills: readonly RequiredSkill[]): boolean {
  return skills.every(({ skill, level }) => (agent.skillLevels[skill] ?? 0) >= level);
}

export function chooseAgent(
  roster: Roster,
  team: DemoTeamId,
  atMs: number,
  skills: readonly RequiredSkill[],
  random: Random,
): DemoAgent {
  const members = roster.agentsByTeam.get(team) ?? [];
  const skilled = members.filter((agent) => hasSkills(agent, skills));
  const skilledOnShift = skilled.filter((agent) => isOnShift(agent, atMs));
  if (skilledOnShift.length > 0) return random.pick(skilledOnShift);
  if (skilled.length > 0) return random.pick(skilled);
  const onShift = members.filter((agent) => isOnShift(agent, atMs));
  return random.pick(onShift.length > 0 ? onShift : members);
}
