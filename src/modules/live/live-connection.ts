import { PassThrough } from "node:stream";
import type { LiveBatch } from "./live.js";
import type { LiveCloseReason, LiveReadyData } from "./live.schemas.js";
import { formatSseComment, formatSseEvent, formatSseRetry } from "./sse.js";

export interface LiveConnectionOptions {
  heartbeatMs: number;
  /** The reconnection delay announced to the client. */
  retryMs: number;
  /** Ends the stream after this long; undefined keeps it open. */
  closeAfterMs: number | undefined;
  /** A client that reads slower than events arrive is dropped once this much is buffered. */
  maxBufferedBytes: number;
  /** Whether the caller may still listen (their session or token may have ended meanwhile). */
  stillAllowed: () => Promise<boolean>;
  /** Whether the caller may see a forwarded event (an alert on a slice outside their scope not). */
  mayForward: (data: string) => boolean;
  onClose: () => void;
}

/**
 * One client's event stream: frames written to a PassThrough that the route hands to Fastify as
 * the response body. A heartbeat keeps proxies from cutting an idle stream and re-checks the
 * caller's credentials; the stream ends with a `closed` event when the server ends it, and
 * quietly when the client leaves.
 */
export class LiveConnection {
  readonly stream = new PassThrough();
  private readonly options: LiveConnectionOptions;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly deadline: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: LiveConnectionOptions, ready: LiveReadyData) {
    this.options = options;
    this.stream.on("close", () => this.cleanUp());
    this.write(formatSseRetry(options.retryMs) + formatSseEvent("ready", JSON.stringify(ready)));
    this.heartbeat = setInterval(() => void this.beat(), options.heartbeatMs);
    this.deadline =
      options.closeAfterMs === undefined
        ? undefined
        : setTimeout(() => this.end("closeAfterMs"), options.closeAfterMs);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Writes what a read of the log found. */
  deliver(batch: LiveBatch): void {
    let frames = formatSseEvent("changes", JSON.stringify(batch.changes));
    for (const event of batch.forwarded) {
      if (this.options.mayForward(event.data)) frames += formatSseEvent(event.type, event.data);
    }
    this.write(frames);
  }

  /** Ends the stream with a `closed` event saying why. */
  end(reason: LiveCloseReason): void {
    if (this.closed) return;
    this.write(formatSseEvent("closed", JSON.stringify({ reason })));
    this.cleanUp();
    this.stream.end();
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    let allowed: boolean;
    try {
      allowed = await this.options.stillAllowed();
    } catch {
      // The store did not answer: keep the stream, ask again at the next beat.
      allowed = true;
    }
    if (!allowed) this.end("session_ended");
    else this.write(formatSseComment("heartbeat"));
  }

  private write(text: string): void {
    if (this.closed) return;
    this.stream.write(text);
    const buffered = this.stream.writableLength + this.stream.readableLength;
    if (buffered > this.options.maxBufferedBytes) {
      this.cleanUp();
      this.stream.destroy();
    }
  }

  private cleanUp(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.deadline);
    this.options.onClose();
  }
}
