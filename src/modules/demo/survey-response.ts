/**
 * How the customer felt about a case, and what they answer when surveyed. Satisfaction falls with
 * a slow first response (against what the channel leads customers to expect), reopens, handoffs
 * (more so when the receiving team had to ask again), escalations, back-and-forth and long
 * resolutions, so survey scores move with the operational metrics as they do in real data.
 * Customers whom the demo's faulty release locked out or stopped paying resent that on top
 * (faulty-release.ts).
 */
import type { Channel, SurveyKind } from "../events/event.types.js";
import { CHANNEL_PACE } from "./channel-pace.js";
import type { Random } from "./random.js";

export interface CaseExperience {
  channel: Channel;
  firstResponseMinutes: number;
  resolutionHours: number;
  customerRounds: number;
  handedOff: boolean;
  incompleteHandoff: boolean;
  escalated: boolean;
  reopened: boolean;
  /**
   * What the breakage itself costs when the customer wrote in because of the faulty release
   * (faulty-release.ts); 0 for every other case.
   */
  faultyReleasePenalty: number;
}

/** 0 (furious) … 1 (delighted), before the noise of individual temperament. */
export function rateExperience(experience: CaseExperience): number {
  const expected = CHANNEL_PACE[experience.channel].expectedFirstResponseMinutes;
  const slowness = Math.log2(Math.max(1, experience.firstResponseMinutes / expected));
  const slowResolution = Math.log2(Math.max(1, experience.resolutionHours / 24));
  return (
    0.86 -
    Math.min(0.4, 0.11 * slowness) -
    Math.min(0.2, 0.04 * slowResolution) -
    0.025 * experience.customerRounds -
    (experience.handedOff ? 0.06 : 0) -
    (experience.incompleteHandoff ? 0.08 : 0) -
    (experience.escalated ? 0.05 : 0) -
    (experience.reopened ? 0.22 : 0) -
    experience.faultyReleasePenalty
  );
}

export interface SurveyAnswer {
  kind: SurveyKind;
  score: number;
  comment: string | undefined;
}

/**
 * Most surveys ask CSAT (1–5); some ask NPS (0–10) or CES (1–7, where 7 means "it was easy",
 * as in the CES 2.0 agreement scale, so higher is better for all three kinds).
 */
export function answerSurvey(experience: CaseExperience, random: Random): SurveyAnswer {
  const feeling = clampUnit(rateExperience(experience) + 0.13 * random.normal());
  const draw = random.float();
  const kind: SurveyKind = draw < 0.7 ? "csat" : draw < 0.88 ? "nps" : "ces";
  const score =
    kind === "csat"
      ? 1 + Math.round(4 * feeling)
      : kind === "nps"
        ? // Recommending is a higher bar than being satisfied: only the delighted score 9–10.
          Math.round(10 * feeling ** 0.7)
        : 1 + Math.round(6 * feeling);
  const comment = random.chance(0.35) ? writeComment(experience, feeling, random) : undefined;
  return { kind, score, comment };
}

const COMMENTS = {
  slow: [
    "Waited far too long for anyone to answer.",
    "Took ages to get a first reply.",
    "I was on hold forever before someone picked up.",
  ],
  handoff: [
    "Had to explain my problem twice to different people.",
    "Got passed from one team to another.",
    "The second team did not know what I had already told you.",
  ],
  reopened: [
    "The issue came back right after you closed it.",
    "Marked as solved but it was not solved.",
  ],
  release: [
    "Your last update broke the login and it took days to fix.",
    "Could not pay for days because of your update.",
    "Test your releases before you ship them.",
  ],
  effort: ["Too much back and forth to get this sorted.", "I had to chase you for updates."],
  negative: ["Not helpful at all.", "Disappointing service this time."],
  neutral: ["Got there in the end.", "Okay, but could have been quicker."],
  positive: [
    "Quick and friendly help, thank you!",
    "Solved on the first try, great agent.",
    "Very clear explanation, much appreciated.",
    "Fast response and the problem is gone.",
  ],
};

/** Unhappy customers name the thing that hurt most; happy ones praise. */
function writeComment(experience: CaseExperience, feeling: number, random: Random): string {
  if (feeling >= 0.75) return random.pick(COMMENTS.positive);
  const expected = CHANNEL_PACE[experience.channel].expectedFirstResponseMinutes;
  if (experience.faultyReleasePenalty > 0 && random.chance(0.5)) {
    return random.pick(COMMENTS.release);
  }
  if (experience.reopened) return random.pick(COMMENTS.reopened);
  if (experience.incompleteHandoff || (experience.handedOff && random.chance(0.6))) {
    return random.pick(COMMENTS.handoff);
  }
  if (experience.firstResponseMinutes > 2 * expected) return random.pick(COMMENTS.slow);
  if (experience.customerRounds >= 2) return random.pick(COMMENTS.effort);
  return random.pick(feeling < 0.45 ? COMMENTS.negative : COMMENTS.neutral);
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
