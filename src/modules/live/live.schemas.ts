import Type, { type Static } from "typebox";

export const LiveQuery = Type.Object({
  closeAfterMs: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 86_400_000,
      description:
        "End the stream after this many milliseconds (after the `ready` event when 0); by " +
        "default it stays open until the client leaves or the server stops. For scripts and " +
        "for clients behind proxies that cut long responses.",
    }),
  ),
});

/** Sent first: the stream carries every event recorded after `lastSeq`. */
export const LiveReadyData = Type.Object({
  lastSeq: Type.Integer({ description: "The log position the stream starts after" }),
  heartbeatMs: Type.Integer({ description: "A comment line is sent at least this often" }),
});
export type LiveReadyData = Static<typeof LiveReadyData>;

/** Sent after each read of the log that found events (about once a second at most). */
export const LiveChangesData = Type.Object({
  types: Type.Record(Type.String(), Type.Integer(), {
    description: "Events recorded since the previous `changes`, per type",
  }),
  cases: Type.Integer({ description: "Distinct cases those events are about" }),
  lastSeq: Type.Integer({ description: "The highest event seq read" }),
});
export type LiveChangesData = Static<typeof LiveChangesData>;

export const LIVE_CLOSE_REASONS = ["shutdown", "closeAfterMs", "session_ended"] as const;
export type LiveCloseReason = (typeof LIVE_CLOSE_REASONS)[number];

/** Sent last when the server ends the stream (the client reconnects after `retry`). */
export const LiveClosedData = Type.Object({
  reason: Type.Union(LIVE_CLOSE_REASONS.map((reason) => Type.Literal(reason))),
});
export type LiveClosedData = Static<typeof LiveClosedData>;

export const LIVE_STREAM_DESCRIPTION = [
  "A `text/event-stream` (server-sent events) following the event log. Events:",
  "`ready` (`{lastSeq, heartbeatMs}`, first);",
  "`changes` (`{types: {<event type>: count}, cases, lastSeq}`, after each read of the log that",
  "found events, about once a second at most);",
  "`alert.raised` and `alert.resolved` (the alert event as recorded, for alerts on slices the",
  "caller's metrics:read scope covers);",
  "`closed` (`{reason}`: shutdown, closeAfterMs or session_ended) when the server ends it.",
  "A comment line (`: heartbeat`) is sent every `heartbeatMs`. Clients reconnect after the",
  "`retry` delay the stream announces; a reconnected client should reload what it shows, as the",
  "stream does not replay what it missed.",
].join(" ");
