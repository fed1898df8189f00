import { describe, expect, it } from "vitest";
import { formatSseComment, formatSseEvent, formatSseRetry } from "./sse.js";

describe("server-sent event frames", () => {
  it("names the event and ends the frame with a blank line", () => {
    expect(formatSseEvent("changes", '{"cases":2}')).toBe('event: changes\ndata: {"cases":2}\n\n');
  });

  it("prefixes every line of a multi-line data text", () => {
    expect(formatSseEvent("x", '{\n  "a": 1\r\n}')).toBe(
      'event: x\ndata: {\ndata:   "a": 1\ndata: }\n\n',
    );
  });

  it("keeps a comment on one line and rounds the retry delay", () => {
    expect(formatSseComment("heart\nbeat")).toBe(": heart beat\n\n");
    expect(formatSseRetry(2999.6)).toBe("retry: 3000\n\n");
  });
});
