import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../../../src/modules/events/event.types.ts";
import {
  describeActor,
  formatChecklist,
  formatUnknownValue,
  type NameResolver,
  summarizeEvent,
} from "./event-summary.ts";

const names: NameResolver = {
  teamName: (id) => ({ "tm-billing": "Billing", "tm-tech": "Tech support" })[id] ?? id,
  agentName: (id) => ({ "agt-003": "Ada Lovelace" })[id] ?? id,
};

const at = "2026-03-02T09:00:00Z";

describe("summarizeEvent", () => {
  it("shows what was opened, with readable labels", () => {
    const event: ThroughlineEvent = {
      type: "case.opened",
      at,
      case: "cas-1",
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "high",
      team: "tm-billing",
      subject: "Refund not received",
    };
    expect(summarizeEvent(event, names)).toEqual([
      { label: "Subject", value: "Refund not received" },
      { label: "Channel", value: "Email" },
      { label: "Category", value: "billing/refund" },
      { label: "Priority", value: "High" },
    ]);
  });

  it("names the replying agent and whether the reply was public", () => {
    const event: ThroughlineEvent = {
      type: "case.replied",
      at,
      case: "cas-1",
      by: "agent:agt-003",
      public: false,
    };
    expect(summarizeEvent(event, names)).toEqual([
      { label: "By", value: "Ada Lovelace" },
      { label: "Visibility", value: "Internal note" },
    ]);
  });

  it("shows both teams of a handoff and leaves out absent optional fields", () => {
    const event: ThroughlineEvent = {
      type: "case.handoff",
      at,
      case: "cas-1",
      from: "tm-billing",
      to: "tm-tech",
    };
    expect(summarizeEvent(event, names)).toEqual([
      { label: "From", value: "Billing" },
      { label: "To", value: "Tech support" },
    ]);
  });

  it("formats handling time", () => {
    const event: ThroughlineEvent = {
      type: "case.worked",
      at,
      case: "cas-1",
      agent: "agt-003",
      seconds: 754,
    };
    expect(summarizeEvent(event, names)).toContainEqual({
      label: "Handling time",
      value: "12m 34s",
    });
  });

  it("shows survey scores including zero", () => {
    const event: ThroughlineEvent = {
      type: "survey.answered",
      at,
      case: "cas-1",
      kind: "nps",
      score: 0,
    };
    expect(summarizeEvent(event, names)).toEqual([
      { label: "Survey", value: "NPS" },
      { label: "Score", value: "0" },
    ]);
  });

  it("shows where routing sent a case and which rule decided", () => {
    const event: ThroughlineEvent = {
      type: "case.routed",
      at,
      case: "cas-1",
      team: "tm-billing",
      queue: "refunds",
      priority: "high",
      tags: ["vip"],
      skills: [{ skill: "billing", level: 2 }],
      rule: "refunds",
      fired: ["vip", "refunds"],
      version: 4,
    };
    expect(summarizeEvent(event, names)).toEqual([
      { label: "Team", value: "Billing" },
      { label: "Queue", value: "refunds" },
      { label: "Priority", value: "High" },
      { label: "Rule", value: "refunds" },
      { label: "Tags", value: "vip" },
      { label: "Skills", value: "billing ≥ 2" },
      { label: "Rules version", value: "4" },
    ]);
  });

  it("shows a re-categorisation and a presence change", () => {
    expect(
      summarizeEvent(
        {
          type: "case.recategorised",
          at,
          case: "cas-1",
          category: "orders/late",
          previous: "billing/refund",
        },
        names,
      ),
    ).toEqual([
      { label: "Category", value: "orders/late" },
      { label: "Was", value: "billing/refund" },
    ]);
    expect(
      summarizeEvent({ type: "agent.presence", at, agent: "agt-003", presence: "busy" }, names),
    ).toEqual([
      { label: "Agent", value: "Ada Lovelace" },
      { label: "Presence", value: "Busy" },
    ]);
  });

  it("falls back to the raw fields of an event type it does not know", () => {
    const event = {
      type: "incident.declared",
      at,
      id: "evt-1",
      severity: 2,
      services: ["billing", "login"],
    } as unknown as ThroughlineEvent;
    expect(summarizeEvent(event, names)).toEqual([
      { label: "severity", value: "2" },
      { label: "services", value: "billing, login" },
    ]);
  });
});

describe("describeActor", () => {
  it("distinguishes customers, agents and anything else", () => {
    expect(describeActor("customer", names)).toBe("Customer");
    expect(describeActor("agent:agt-003", names)).toBe("Ada Lovelace");
    expect(describeActor("system", names)).toBe("system");
  });
});

describe("formatChecklist", () => {
  it("tallies a done/not-done checklist and names what is missing", () => {
    expect(formatChecklist({ summary: true, photos: false, order_number: false })).toBe(
      "1/3 done, missing photos, order_number",
    );
    expect(formatChecklist({ summary: true })).toBe("1/1 done");
  });

  it("shows any other shape as it is", () => {
    expect(formatChecklist(["summary written", "customer informed"])).toBe(
      "summary written, customer informed",
    );
    expect(formatChecklist({ owner: "ops", done: true })).toBe("owner: ops, done: true");
  });
});

describe("formatUnknownValue", () => {
  it("renders nested JSON compactly", () => {
    expect(formatUnknownValue({ logs: true, steps: ["a", "b"], owner: null })).toBe(
      "logs: true, steps: a, b, owner: —",
    );
  });
});
