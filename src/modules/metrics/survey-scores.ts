import { SURVEY_SCORE_RANGE, type SurveyKind } from "../events/event.types.js";

/**
 * The survey scores of PRODUCT.md's KPI table, from a list of answers: the calculators behind
 * `throughline metrics nps|csat|ces`, and the same formulas as the csat, nps and ces KPIs.
 * Pure; an empty list gives a null score.
 */

export interface NpsScore {
  /** % of answers 9–10 minus % of answers 0–6, in points (−100 to 100). */
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

export interface CsatScore {
  /** Answers 4–5 ÷ all answers, as a percentage. */
  csat: number | null;
  satisfied: number;
  responses: number;
}

export interface CesScore {
  /** The mean score (1–7). */
  ces: number | null;
  responses: number;
  sum: number;
}

/**
 * @example
 * scoreNps([10, 9, 8, 6, 0]) // {nps: 0, promoters: 2, passives: 1, detractors: 2, responses: 5}
 */
export function scoreNps(scores: readonly number[]): NpsScore {
  let promoters = 0;
  let detractors = 0;
  for (const score of scores) {
    if (score >= 9) promoters += 1;
    else if (score <= 6) detractors += 1;
  }
  const responses = scores.length;
  return {
    nps: responses > 0 ? (100 * (promoters - detractors)) / responses : null,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
    responses,
  };
}

/** @example scoreCsat([5, 4, 3]) // {csat: 66.666…, satisfied: 2, responses: 3} */
export function scoreCsat(scores: readonly number[]): CsatScore {
  const satisfied = scores.filter((score) => score >= 4).length;
  return {
    csat: scores.length > 0 ? (100 * satisfied) / scores.length : null,
    satisfied,
    responses: scores.length,
  };
}

/** @example scoreCes([2, 3, 7]) // {ces: 4, responses: 3, sum: 12} */
export function scoreCes(scores: readonly number[]): CesScore {
  const sum = scores.reduce((total, score) => total + score, 0);
  return { ces: scores.length > 0 ? sum / scores.length : null, responses: scores.length, sum };
}

export function scoreSurvey(kind: SurveyKind, scores: readonly number[]) {
  switch (kind) {
    case "nps":
      return scoreNps(scores);
    case "csat":
      return scoreCsat(scores);
    case "ces":
      return scoreCes(scores);
  }
}

/**
 * Why a cell is not a score of this kind (a whole number in the kind's range), or null when it is.
 * Surrounding blanks are ignored; an empty cell is not a score.
 */
export function checkSurveyScore(kind: SurveyKind, text: string): string | null {
  const [min, max] = SURVEY_SCORE_RANGE[kind];
  const trimmed = text.trim();
  const score = Number(trimmed);
  if (trimmed === "" || !/^[+-]?\d+(\.0*)?$/.test(trimmed) || score < min || score > max) {
    return `"${text}" is not a ${kind} score (a whole number from ${min} to ${max})`;
  }
  return null;
}
