/**
 * The queue settings (docs/queues.md) as their editor holds them: numbers as typed, the tier
 * values and per-team modes as ordered rows. Each row keeps its key, so a server error about
 * `tierValues.gold` or `assignment.perTeam.billing` lands on the row of that key.
 */
import {
  CHANNELS,
  type Channel,
  PRIORITIES,
  type Priority,
} from "../../../src/modules/events/event.types.ts";
import {
  type QueueMode,
  SCORE_TERMS,
  type ScoreTerm,
} from "../../../src/modules/queues/queue-settings.ts";
import type { QueueSettingsDocument } from "../api/settings-types.ts";
import { numberFromText, textFromNumber } from "./number-text.ts";

export interface QueueSettingsDraft {
  weights: Record<ScoreTerm, string>;
  tierValues: { tier: string; value: string }[];
  defaultTierValue: string;
  priorityValues: Record<Priority, string>;
  ageHorizonMinutes: string;
  slaRiskCap: string;
  defaultCapacity: Record<Channel, string>;
  mode: QueueMode;
  perTeam: { team: string; mode: QueueMode }[];
}

function textsOf<K extends string>(
  keys: readonly K[],
  values: Readonly<Partial<Record<K, number>>>,
): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, textFromNumber(values[key])])) as Record<
    K,
    string
  >;
}

function numbersOf<K extends string>(
  keys: readonly K[],
  texts: Readonly<Record<K, string>>,
): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, numberFromText(texts[key])])) as Record<
    K,
    number
  >;
}

export function queueSettingsToDraft(document: QueueSettingsDocument): QueueSettingsDraft {
  return {
    weights: textsOf(SCORE_TERMS, document.weights),
    tierValues: Object.entries(document.tierValues).map(([tier, value]) => ({
      tier,
      value: textFromNumber(value),
    })),
    defaultTierValue: textFromNumber(document.defaultTierValue),
    priorityValues: textsOf(PRIORITIES, document.priorityValues),
    ageHorizonMinutes: textFromNumber(document.ageHorizonMinutes),
    slaRiskCap: textFromNumber(document.slaRiskCap),
    defaultCapacity: textsOf(CHANNELS, document.defaultCapacity),
    mode: document.assignment.mode,
    perTeam: Object.entries(document.assignment.perTeam ?? {}).map(([team, mode]) => ({
      team,
      mode,
    })),
  };
}

/** The document to save; `perTeam` only when some team works the other way. */
export function draftToQueueSettings(draft: QueueSettingsDraft): QueueSettingsDocument {
  const perTeam = Object.fromEntries(draft.perTeam.map((row) => [row.team, row.mode]));
  return {
    weights: numbersOf(SCORE_TERMS, draft.weights),
    tierValues: Object.fromEntries(
      draft.tierValues.map((row) => [row.tier.trim(), numberFromText(row.value)]),
    ),
    defaultTierValue: numberFromText(draft.defaultTierValue),
    priorityValues: numbersOf(PRIORITIES, draft.priorityValues),
    ageHorizonMinutes: numberFromText(draft.ageHorizonMinutes),
    slaRiskCap: numberFromText(draft.slaRiskCap),
    defaultCapacity: numbersOf(CHANNELS, draft.defaultCapacity),
    assignment: draft.perTeam.length === 0 ? { mode: draft.mode } : { mode: draft.mode, perTeam },
  };
}
