import { describe, expect, it } from "vitest";
import { scoreCes, scoreCsat, scoreNps } from "./survey-scores.js";
import { readSurveyScores, SurveyCsvError } from "./survey-scores-csv.js";

describe("survey scores", () => {
  it("computes NPS from promoters and detractors", () => {
    // 2 promoters (10, 9), 1 passive (8), 2 detractors (6, 0): (2 − 2) / 5 = 0.
    expect(scoreNps([10, 9, 8, 6, 0])).toEqual({
      nps: 0,
      promoters: 2,
      passives: 1,
      detractors: 2,
      responses: 5,
    });
    // 3 promoters, 1 detractor of 4: (3 − 1) / 4 × 100 = 50.
    expect(scoreNps([9, 9, 10, 3]).nps).toBe(50);
    expect(scoreNps([]).nps).toBeNull();
  });

  it("computes CSAT as the share of 4s and 5s, and CES as the mean", () => {
    expect(scoreCsat([5, 4, 3, 1])).toEqual({ csat: 50, satisfied: 2, responses: 4 });
    expect(scoreCes([2, 3, 7])).toEqual({ ces: 4, responses: 3, sum: 12 });
    expect(scoreCsat([]).csat).toBeNull();
    expect(scoreCes([]).ces).toBeNull();
  });
});

describe("survey CSV files", () => {
  it("reads the score column, or the only column with or without a header", () => {
    expect(readSurveyScores('id,Score,comment\na,9,great\nb,3,"slow, rude"\n', "nps")).toEqual([
      9, 3,
    ]);
    expect(readSurveyScores("rating\n5\n4\n\n", "csat")).toEqual([5, 4]);
    expect(readSurveyScores("5\n4\n", "csat")).toEqual([5, 4]);
    expect(readSurveyScores("", "ces")).toEqual([]);
  });

  it("names the line and the column of a bad score", () => {
    expect(() => readSurveyScores("id,score\na,9\nb,11\n", "nps")).toThrow(
      'line 3, column "score": "11" is not a nps score (a whole number from 0 to 10)',
    );
    expect(() => readSurveyScores("5\n4.5\n", "csat")).toThrow(
      'line 2, column 1: "4.5" is not a csat score (a whole number from 1 to 5)',
    );
    expect(() => readSurveyScores("id,value\na,3\n", "ces")).toThrow(SurveyCsvError);
    expect(() => readSurveyScores("id,score\na,3,extra\n", "ces")).toThrow(/^line 2: /);
  });
});
