import { describe, expect, it } from "vitest";
import type { ApiToken } from "../api/types.ts";
import {
  DEFAULT_TOKEN_EXPIRY_DAYS,
  expiryChoiceValue,
  parseExpiryChoice,
  TOKEN_EXPIRY_CHOICES,
  tokenState,
} from "./tokens.ts";

const now = new Date("2026-03-02T12:00:00Z");

function token(fields: Partial<ApiToken>): ApiToken {
  return {
    id: "tok-1",
    name: "CI export",
    prefix: "tlt_ab12",
    createdAt: "2026-01-01T00:00:00Z",
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...fields,
  };
}

describe("tokenState", () => {
  it("is active without expiry or before it", () => {
    expect(tokenState(token({}), now)).toBe("active");
    expect(tokenState(token({ expiresAt: "2026-03-02T12:00:01Z" }), now)).toBe("active");
  });

  it("is expired from the expiry instant on", () => {
    expect(tokenState(token({ expiresAt: "2026-03-02T12:00:00Z" }), now)).toBe("expired");
  });

  it("is revoked whatever the expiry", () => {
    expect(
      tokenState(
        token({ revokedAt: "2026-02-01T00:00:00Z", expiresAt: "2026-01-02T00:00:00Z" }),
        now,
      ),
    ).toBe("revoked");
  });
});

describe("expiry choices", () => {
  it("round-trip through the select's values", () => {
    for (const choice of TOKEN_EXPIRY_CHOICES) {
      expect(parseExpiryChoice(expiryChoiceValue(choice.days))).toBe(choice.days);
    }
  });

  it("fall back to the default for values that are not offered", () => {
    expect(parseExpiryChoice("13")).toBe(DEFAULT_TOKEN_EXPIRY_DAYS);
    expect(parseExpiryChoice("")).toBe(DEFAULT_TOKEN_EXPIRY_DAYS);
  });
});
