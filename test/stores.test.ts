import { describe, expect, it } from "vitest";
import { STORE_KINDS } from "./support/stores.js";

describe("store suites", () => {
  // CI must exercise both dialects; a missing variable would silently halve the suite.
  it.runIf(process.env.CI === "true")("run on PostgreSQL in CI", () => {
    expect(STORE_KINDS).toEqual(["sqlite", "postgres"]);
  });

  it("always run on SQLite", () => {
    expect(STORE_KINDS[0]).toBe("sqlite");
  });
});
