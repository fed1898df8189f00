import { describe, expect, it } from "vitest";
import { newTestCaseDraft, parsePastedCase, testInputOf } from "./routing-test-form.ts";

describe("testInputOf", () => {
  it("leaves out empty optional fields and the customer when none is given", () => {
    const draft = { ...newTestCaseDraft(), category: " billing/refund " };
    expect(testInputOf(draft, undefined)).toEqual({
      case: { channel: "email", category: "billing/refund", priority: "normal" },
    });
  });

  it("sends a customer id, or attributes with the counts typed", () => {
    const draft = newTestCaseDraft();
    expect(
      testInputOf({ ...draft, customer: { ...draft.customer, mode: "id", id: " c-1 " } }, undefined)
        .customer,
    ).toBe("c-1");
    const attributes = {
      ...draft.customer,
      mode: "attributes" as const,
      tier: "gold",
      segment: "smb",
      region: "emea",
      recentRecontacts: "2",
    };
    expect(testInputOf({ ...draft, customer: attributes }, undefined).customer).toEqual({
      tier: "gold",
      segment: "smb",
      region: "emea",
      recentRecontacts: 2,
    });
  });

  it("carries the draft rules to try", () => {
    const document = { enabled: false, fallbackTeam: null, rules: [] };
    expect(testInputOf(newTestCaseDraft(), document).document).toBe(document);
  });
});

describe("parsePastedCase", () => {
  const current = newTestCaseDraft();

  it("fills the fields a pasted case names, teamId and customerId too", () => {
    const pasted = JSON.stringify({
      id: "c-9",
      channel: "chat",
      category: "billing/refund",
      priority: "high",
      teamId: "billing",
      customerId: "cus-1",
      subject: "Refund please",
      tags: ["vip", 3],
    });
    const result = parsePastedCase(pasted, current);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft).toMatchObject({
      channel: "chat",
      category: "billing/refund",
      priority: "high",
      team: "billing",
      subject: "Refund please",
      body: "",
      tags: ["vip"],
      customer: { mode: "id", id: "cus-1" },
    });
  });

  it("reads a test request with customer attributes, keeping unknown enums as they were", () => {
    const pasted = JSON.stringify({
      case: { channel: "fax", category: "orders/late", priority: "normal", body: "Where is it?" },
      customer: { tier: "gold", segment: "smb", region: "emea", openCases: 2 },
    });
    const result = parsePastedCase(pasted, current);
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.channel).toBe("email");
    expect(result.draft.body).toBe("Where is it?");
    expect(result.draft.customer).toMatchObject({
      mode: "attributes",
      tier: "gold",
      openCases: "2",
    });
  });

  it("takes plain text as a message: the first line is the subject", () => {
    const result = parsePastedCase("  Site is down\nNothing loads.\nPlease help  ", current);
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.subject).toBe("Site is down");
    expect(result.draft.body).toBe("Nothing loads.\nPlease help");
  });

  it("explains JSON that does not parse, and nothing pasted", () => {
    const broken = parsePastedCase('{"channel": ', current);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/does not parse/);
    expect(parsePastedCase("   ", current).ok).toBe(false);
  });
});
