import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * Real local receivers for outgoing deliveries: an SMTP server (smtp-server) that keeps every
 * message it accepts, and an HTTP server that checks webhook signatures as a customer's
 * endpoint would.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export async function startSmtpReceiver() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on localhost: no TLS upgrade, no login.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom;
        mails.push({
          from: mailFrom === false ? "" : mailFrom.address,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a message or part (the first one of that name), unfolded. */
export function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded
    .split(/\r?\n/)
    .find((each) => each.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/**
 * The decoded body of the message's part of this content type (text/plain, text/html), for
 * multipart messages as nodemailer writes them: base64 or quoted-printable, UTF-8.
 */
export function bodyOf(raw: string, contentType: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(headerOf(raw, "content-type") ?? "")?.[1];
  const parts = boundary === undefined ? [raw] : raw.split(`--${boundary}`).slice(1, -1);
  for (const part of parts) {
    const trimmed = part.replace(/^\r?\n/, "");
    if (!(headerOf(trimmed, "content-type") ?? "").startsWith(contentType)) continue;
    const body = trimmed.slice(trimmed.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, "");
    const encoding = (headerOf(trimmed, "content-transfer-encoding") ?? "7bit").toLowerCase();
    if (encoding === "base64") return Buffer.from(body, "base64").toString("utf8");
    if (encoding === "quoted-printable") {
      const bytes = body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
      return Buffer.from(bytes, "latin1").toString("utf8").replace(/\r\n/g, "\n");
    }
    return body.replace(/\r\n/g, "\n");
  }
  throw new Error(`no ${contentType} part in the message`);
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** An HTTP endpoint that verifies X-Throughline-Signature with `secret`, answering `statuses` in turn. */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedHook[] = [];
  const statuses: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(request.headers["x-throughline-timestamp"]);
      const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
      const given = String(request.headers["x-throughline-signature"]);
      const signatureValid =
        given.length === expected.length &&
        timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      received.push({ headers: request.headers, body, signatureValid });
      response.statusCode = statuses.shift() ?? 200;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
