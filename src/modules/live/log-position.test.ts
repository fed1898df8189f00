import { describe, expect, it } from "vitest";
import { expireGaps, notePositions, startPosition } from "./log-position.js";

const LIMITS = { gapWaitMs: 60_000, maxGaps: 3 };

describe("notePositions", () => {
  it("moves the cursor over consecutive seq values without gaps", () => {
    expect(notePositions(startPosition(10), [11, 12, 13], 1_000)).toEqual({
      cursor: 13,
      gaps: [],
    });
  });

  it("remembers each hole it jumps over, whatever order the seq values come in", () => {
    expect(notePositions(startPosition(10), [17, 11, 14], 1_000)).toEqual({
      cursor: 17,
      gaps: [
        { from: 12, to: 13, since: 1_000 },
        { from: 15, to: 16, since: 1_000 },
      ],
    });
  });

  it("fills a gap from its middle and its ends, keeping when it was first seen", () => {
    const position = notePositions(startPosition(0), [10], 1_000);
    expect(position.gaps).toEqual([{ from: 1, to: 9, since: 1_000 }]);
    const filled = notePositions(position, [5, 1, 9, 11], 2_000);
    expect(filled).toEqual({
      cursor: 11,
      gaps: [
        { from: 2, to: 4, since: 1_000 },
        { from: 6, to: 8, since: 1_000 },
      ],
    });
  });

  it("ignores seq values at or below the cursor that lie in no gap", () => {
    const position = { cursor: 20, gaps: [{ from: 15, to: 15, since: 0 }] };
    expect(notePositions(position, [3, 20], 5)).toEqual(position);
    expect(notePositions(position, [15], 5)).toEqual({ cursor: 20, gaps: [] });
  });
});

describe("expireGaps", () => {
  it("stops waiting for holes older than the wait", () => {
    const position = {
      cursor: 50,
      gaps: [
        { from: 2, to: 3, since: 0 },
        { from: 7, to: 7, since: 30_000 },
      ],
    };
    expect(expireGaps(position, 59_999, LIMITS).gaps).toHaveLength(2);
    expect(expireGaps(position, 60_000, LIMITS)).toEqual({
      cursor: 50,
      gaps: [{ from: 7, to: 7, since: 30_000 }],
    });
  });

  it("keeps only the newest holes beyond the limit", () => {
    const gaps = [1, 3, 5, 7, 9].map((seq) => ({ from: seq, to: seq, since: seq }));
    expect(expireGaps({ cursor: 10, gaps }, 10, LIMITS).gaps.map((gap) => gap.from)).toEqual([
      5, 7, 9,
    ]);
  });
});
