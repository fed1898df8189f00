/**
 * A server-sent events client for tests: reads a real HTTP response body and splits it into
 * events (`event:` / `data:` lines, comments kept apart), as a browser's EventSource would.
 */

export interface SseMessage {
  event: string;
  data: string;
}

export interface SseReader {
  status: number;
  headers: Headers;
  /** The next event named `event` (skipping others), or an error after `timeoutMs`. */
  next(event: string, timeoutMs?: number): Promise<SseMessage>;
  /** Every event and comment received so far, in order. */
  received: (SseMessage | { comment: string })[];
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

/** Parses complete frames out of `buffer`; returns them and the unfinished rest. */
export function parseSseFrames(buffer: string): {
  frames: (SseMessage | { comment: string })[];
  rest: string;
} {
  const frames: (SseMessage | { comment: string })[] = [];
  const parts = buffer.split("\n\n");
  const rest = parts.pop() ?? "";
  for (const part of parts) {
    const lines = part.split("\n");
    if (lines.every((line) => line.startsWith(":"))) {
      frames.push({ comment: lines.map((line) => line.slice(1).trim()).join("\n") });
      continue;
    }
    let event = "message";
    const data: string[] = [];
    for (const line of lines) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length > 0) frames.push({ event, data: data.join("\n") });
  }
  return { frames, rest };
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  const received: (SseMessage | { comment: string })[] = [];
  const waiters: (() => void)[] = [];
  let consumed = 0;
  let done = false;
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const ended = (async () => {
    if (response.body === null) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        const parsed = parseSseFrames(buffer);
        buffer = parsed.rest;
        received.push(...parsed.frames);
        wake();
      }
    } catch {
      // Aborted by close().
    } finally {
      done = true;
      wake();
    }
  })();

  async function next(event: string, timeoutMs = 5_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (consumed < received.length) {
        const frame = received[consumed];
        consumed += 1;
        if (frame !== undefined && "event" in frame && frame.event === event) return frame;
      }
      if (done) throw new Error(`the stream ended before a "${event}" event`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${event}" event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    next,
    received,
    ended,
    close: () => controller.abort(),
  };
}
