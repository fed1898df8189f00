import { afterEach, describe, expect, it } from "vitest";
import { parseSseFrames } from "../../../test/support/sse-client.js";
import { LiveConnection, type LiveConnectionOptions } from "./live-connection.js";

/** Everything written to a connection's stream so far, as frames. */
function framesOf(chunks: string[]) {
  return parseSseFrames(chunks.join("")).frames;
}

const connections: LiveConnection[] = [];

function openConnection(overrides: Partial<LiveConnectionOptions> = {}) {
  const chunks: string[] = [];
  let closedCount = 0;
  const connection = new LiveConnection(
    {
      heartbeatMs: 20,
      retryMs: 3_000,
      closeAfterMs: undefined,
      maxBufferedBytes: 1_048_576,
      stillAllowed: async () => true,
      mayForward: () => true,
      onClose: () => {
        closedCount += 1;
      },
      ...overrides,
    },
    { lastSeq: 41, heartbeatMs: 20 },
  );
  connection.stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  connections.push(connection);
  return { connection, chunks, closedCount: () => closedCount };
}

afterEach(() => {
  for (const connection of connections.splice(0)) connection.stream.destroy();
});

const BATCH = {
  changes: { types: { "alert.raised": 2 }, cases: 0, lastSeq: 43 },
  forwarded: [
    { seq: 42, type: "alert.raised" as const, data: '{"dim":"team","key":"billing"}' },
    { seq: 43, type: "alert.raised" as const, data: '{"dim":"team","key":"support"}' },
  ],
};

describe("LiveConnection", () => {
  it("starts with the retry delay and a ready event, then beats", async () => {
    const { chunks } = openConnection();
    await expect.poll(() => framesOf(chunks).length, { timeout: 1_000 }).toBeGreaterThan(2);
    expect(chunks.join("")).toMatch(/^retry: 3000\n\nevent: ready\ndata: \{"lastSeq":41/);
    expect(framesOf(chunks).slice(1, 3)).toEqual([
      { comment: "heartbeat" },
      { comment: "heartbeat" },
    ]);
  });

  it("writes the changes, then the forwarded events the caller may see", async () => {
    const { connection, chunks } = openConnection({
      heartbeatMs: 60_000,
      mayForward: (data) => data.includes("billing"),
    });
    connection.deliver(BATCH);
    await expect
      .poll(() => framesOf(chunks))
      .toEqual([
        { event: "ready", data: '{"lastSeq":41,"heartbeatMs":20}' },
        { event: "changes", data: JSON.stringify(BATCH.changes) },
        { event: "alert.raised", data: '{"dim":"team","key":"billing"}' },
      ]);
  });

  it("ends with session_ended once the caller's credentials no longer allow it", async () => {
    const { connection, chunks, closedCount } = openConnection({ stillAllowed: async () => false });
    await expect.poll(() => connection.isOpen, { timeout: 1_000 }).toBe(false);
    expect(framesOf(chunks).at(-1)).toEqual({
      event: "closed",
      data: '{"reason":"session_ended"}',
    });
    expect(closedCount()).toBe(1);
    connection.deliver(BATCH);
    expect(framesOf(chunks).at(-1)).toEqual({
      event: "closed",
      data: '{"reason":"session_ended"}',
    });
  });

  it("drops a client that does not read while events pile up", () => {
    const connection = new LiveConnection(
      {
        heartbeatMs: 60_000,
        retryMs: 3_000,
        closeAfterMs: undefined,
        maxBufferedBytes: 2_000,
        stillAllowed: async () => true,
        mayForward: () => true,
        onClose: () => {},
      },
      { lastSeq: 0, heartbeatMs: 60_000 },
    );
    connections.push(connection);
    // Nobody reads the stream: its buffer grows with every batch until the limit.
    for (let batch = 0; batch < 20 && connection.isOpen; batch += 1) connection.deliver(BATCH);
    expect(connection.stream.destroyed).toBe(true);
    expect(connection.isOpen).toBe(false);
  });
});
