import { describe, expect, it } from "vitest";
import { HOUR_MS } from "./alert.js";
import { type EvaluatedBucket, evaluateSlice, type SliceEvaluation } from "./alert-evaluation.js";
import type { BucketStatus } from "./baseline.js";

const T0 = Date.UTC(2026, 9, 6, 0);
const at = (index: number) => T0 + index * HOUR_MS;

/** Buckets from status letters: o ok, h high, l low, e empty, u unknown. */
function buckets(statuses: string): EvaluatedBucket[] {
  const names: Record<string, BucketStatus> = {
    o: "ok",
    h: "high",
    l: "low",
    e: "empty",
    u: "unknown",
  };
  return [...statuses].map((letter, index) => ({
    at: at(index),
    value: letter === "e" ? null : index,
    band: letter === "u" ? null : { expected: 10, lower: 5, upper: 15 },
    status: names[letter] ?? "ok",
  }));
}

function run(statuses: string, options: Partial<SliceEvaluation> = {}) {
  return evaluateSlice({
    buckets: buckets(statuses),
    actFrom: T0,
    open: null,
    consecutive: 3,
    recovery: 2,
    alertIdOf: (start) => `alert@${(start - T0) / HOUR_MS}`,
    ...options,
  }).map((transition) =>
    transition.kind === "raise"
      ? `raise ${transition.direction} run@${(transition.runStart - T0) / HOUR_MS} at ${(transition.bucket.at - T0) / HOUR_MS}`
      : `resolve ${transition.alertId} at ${(transition.bucket.at - T0) / HOUR_MS}`,
  );
}

describe("evaluateSlice", () => {
  it("raises at the N-th bucket in a row out of range and resolves after R in range", () => {
    expect(run("oohhhhohooo")).toEqual(["raise up run@2 at 4", "resolve alert@2 at 9"]);
  });

  it("keeps one alert open however long the deviation lasts (no storm)", () => {
    expect(run("hhhhhhhhhhhhhhhhhhhh")).toEqual(["raise up run@0 at 2"]);
  });

  it("needs the run in one direction, and a new run after resolving raises a new alert", () => {
    expect(run("hhlhhlllooohhh")).toEqual([
      "raise down run@5 at 7",
      "resolve alert@5 at 9",
      "raise up run@11 at 13",
    ]);
  });

  it("skips buckets without a value and breaks runs on buckets without a baseline", () => {
    expect(run("hehehe")).toEqual(["raise up run@0 at 4"]);
    expect(run("hhuhh")).toEqual([]);
    // An open alert does not recover on buckets nobody can judge.
    expect(run("uuuuoo", { open: { id: "old" } })).toEqual(["resolve old at 5"]);
  });

  it("uses the context before actFrom only to set up the runs", () => {
    // Two buckets out of range before actFrom, the third after it: raised at the third.
    expect(run("ohhh", { actFrom: at(3) })).toEqual(["raise up run@1 at 3"]);
    // Already raised before actFrom (open): nothing new, then resolved.
    expect(run("hhhhoo", { actFrom: at(3), open: { id: "alert@0" } })).toEqual([
      "resolve alert@0 at 5",
    ]);
    // A raise inside the context is not repeated when no alert is open: the run is resolved.
    expect(run("hhhoo", { actFrom: at(4) })).toEqual([]);
  });

  it("recovers across the context boundary", () => {
    expect(run("hhhoo", { actFrom: at(4), open: { id: "a" } })).toEqual(["resolve a at 4"]);
  });
});
