import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../src/errors.js";

// Fastify keeps its error-code docs and code in step with a test; so do we.
describe("docs/errors.md", () => {
  const doc = fs.readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
  const documented = new Map(
    [...doc.matchAll(/^\| `([a-z_.]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]),
  );

  it("lists every error code with its HTTP status, and nothing else", () => {
    expect(Object.fromEntries(documented)).toEqual(ERROR_STATUS);
  });
});
