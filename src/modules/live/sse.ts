/**
 * Server-sent events framing (the WHATWG HTML standard, "Server-sent events"): a frame is
 * `event:` and `data:` lines ended by a blank line; a line starting with a colon is a comment,
 * which clients ignore and proxies see as traffic.
 */

/** One named event whose data is a JSON text (every line of it prefixed, should it have several). */
export function formatSseEvent(event: string, json: string): string {
  const data = json
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join("\n");
  return `event: ${event}\n${data}\n\n`;
}

/** A comment frame, e.g. a heartbeat that keeps proxies from closing an idle stream. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/\r\n|\r|\n/g, " ")}\n\n`;
}

/** Tells the client how long to wait before reconnecting after the stream ends. */
export function formatSseRetry(milliseconds: number): string {
  return `retry: ${Math.max(0, Math.round(milliseconds))}\n\n`;
}
