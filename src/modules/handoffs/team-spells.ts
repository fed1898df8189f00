import type { ThroughlineEvent } from "../events/event.types.js";

/**
 * Time in team: the spells a case spent with each team, from its opening and every change of
 * team (a handoff, a routing decision, or an assignment that names another team). Pure, over the case's history in
 * business-time order, so a case whose events arrived out of order gets the same spells.
 *
 * Spells follow each other without gaps. The last one ends when the case's work ends (its latest
 * resolution, or its close or merge when it was never resolved) and is open again after a reopen.
 */
export interface TeamSpell {
  team: string;
  startedAt: number;
  /** Null while the case is with this team and not finished. */
  endedAt: number | null;
}

export interface HistoryEvent {
  /** The event's type, read without touching `data` (a stored history parses payloads lazily). */
  type: string;
  at: number;
  data: ThroughlineEvent;
}

/** The types whose payload the spells read; others are skipped without parsing. */
const SPELL_TYPES: ReadonlySet<string> = new Set([
  "case.opened",
  "case.routed",
  "case.handoff",
  "case.assigned",
  "case.resolved",
  "case.reopened",
  "case.closed",
  "case.merged_into",
]);

/**
 * @example
 * // opened in billing at 09:00, handed to technical at 10:30, resolved at 12:00:
 * computeTeamSpells(history)
 * // [{ team: "billing", startedAt: 09:00, endedAt: 10:30 },
 * //  { team: "technical", startedAt: 10:30, endedAt: 12:00 }]
 */
export function computeTeamSpells(history: readonly HistoryEvent[]): TeamSpell[] {
  const spells: TeamSpell[] = [];
  let finishedAt: number | null = null;
  const moveTo = (team: string, at: number, routed = false) => {
    const current = spells.at(-1);
    if (current?.team === team) return;
    // Routing at the opening instant decides the team the case starts in: no empty spell.
    if (routed && current && current.startedAt === at) {
      current.team = team;
      return;
    }
    if (current) current.endedAt = at;
    spells.push({ team, startedAt: at, endedAt: null });
  };
  for (const item of history) {
    if (!SPELL_TYPES.has(item.type)) continue;
    const { at, data: event } = item;
    switch (event.type) {
      case "case.opened":
        moveTo(event.team, at);
        break;
      case "case.routed":
        moveTo(event.team, at, true);
        break;
      case "case.handoff":
        moveTo(event.to, at);
        break;
      case "case.assigned":
        if (event.team !== undefined) moveTo(event.team, at);
        break;
      case "case.resolved":
        finishedAt = at;
        break;
      case "case.reopened":
        finishedAt = null;
        break;
      case "case.closed":
      case "case.merged_into":
        finishedAt ??= at;
        break;
      default:
        break;
    }
  }
  const last = spells.at(-1);
  if (last && finishedAt !== null) last.endedAt = Math.max(finishedAt, last.startedAt);
  return spells;
}

/** Minutes of a spell, to two decimals; an open spell counts until `now`. */
export function spellMinutes(spell: TeamSpell, now: number): number {
  const end = spell.endedAt ?? Math.max(now, spell.startedAt);
  return Math.round((end - spell.startedAt) / 600) / 100;
}
