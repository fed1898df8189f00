/**
 * The case of the rule editor's test panel: filled in by hand, or pasted (a case or event as the
 * API shows it, the test request itself, or plain text: the first line is the subject), and the
 * customer as an existing id or attributes to try.
 */
import {
  CHANNELS,
  type Channel,
  PRIORITIES,
  type Priority,
} from "../../../src/modules/events/event.types.ts";
import type { RoutingRuleSet, RoutingTestInput } from "../api/routing.ts";
import { numberFromText } from "./number-text.ts";

export type CustomerMode = "none" | "id" | "attributes";

export interface TestCustomerDraft {
  mode: CustomerMode;
  id: string;
  tier: string;
  segment: string;
  region: string;
  language: string;
  openCases: string;
  casesLast30Days: string;
  recentRecontacts: string;
}

export interface TestCaseDraft {
  channel: Channel;
  category: string;
  priority: Priority;
  /** "": the case names no team (routing must find one). */
  team: string;
  subject: string;
  body: string;
  tags: string[];
  customer: TestCustomerDraft;
}

export function newTestCaseDraft(): TestCaseDraft {
  return {
    channel: "email",
    category: "",
    priority: "normal",
    team: "",
    subject: "",
    body: "",
    tags: [],
    customer: {
      mode: "none",
      id: "",
      tier: "",
      segment: "",
      region: "",
      language: "",
      openCases: "",
      casesLast30Days: "",
      recentRecontacts: "",
    },
  };
}

const COUNT_FIELDS = ["openCases", "casesLast30Days", "recentRecontacts"] as const;

function customerOf(draft: TestCustomerDraft): RoutingTestInput["customer"] {
  if (draft.mode === "id") return draft.id.trim();
  if (draft.mode === "none") return undefined;
  const customer: Exclude<RoutingTestInput["customer"], string | undefined> = {
    tier: draft.tier.trim(),
    segment: draft.segment.trim(),
    region: draft.region.trim(),
  };
  if (draft.language.trim() !== "") customer.language = draft.language.trim();
  for (const field of COUNT_FIELDS) {
    if (draft[field].trim() !== "") customer[field] = numberFromText(draft[field]);
  }
  return customer;
}

/**
 * The body of POST /routing/rules/test: the case (empty optional fields left out), the customer
 * and the draft to try (the rules in force when `document` is undefined).
 */
export function testInputOf(
  draft: TestCaseDraft,
  document: RoutingRuleSet | undefined,
): RoutingTestInput {
  const testCase: RoutingTestInput["case"] = {
    channel: draft.channel,
    category: draft.category.trim(),
    priority: draft.priority,
  };
  if (draft.team !== "") testCase.team = draft.team;
  if (draft.subject.trim() !== "") testCase.subject = draft.subject.trim();
  if (draft.body.trim() !== "") testCase.body = draft.body;
  if (draft.tags.length > 0) testCase.tags = [...draft.tags];
  const input: RoutingTestInput = { case: testCase };
  const customer = customerOf(draft.customer);
  if (customer !== undefined) input.customer = customer;
  if (document !== undefined) input.document = document;
  return input;
}

type Pasted = Record<string, unknown>;

function isRecord(value: unknown): value is Pasted {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringAt(source: Pasted, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string") return value;
  }
  return undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

function pastedCustomer(
  value: unknown,
  fallbackId: string | undefined,
  current: TestCustomerDraft,
): TestCustomerDraft {
  if (typeof value === "string") return { ...current, mode: "id", id: value };
  if (isRecord(value)) {
    const text = (key: string) => {
      const found = value[key];
      return typeof found === "string" || typeof found === "number" ? String(found) : "";
    };
    return {
      ...current,
      mode: "attributes",
      tier: text("tier"),
      segment: text("segment"),
      region: text("region"),
      language: text("language"),
      openCases: text("openCases"),
      casesLast30Days: text("casesLast30Days"),
      recentRecontacts: text("recentRecontacts"),
    };
  }
  return fallbackId === undefined ? current : { ...current, mode: "id", id: fallbackId };
}

function fromJson(parsed: Pasted, current: TestCaseDraft): TestCaseDraft {
  // The test request itself ({case, customer}) or a case / event on its own.
  const source = isRecord(parsed.case) ? parsed.case : parsed;
  const tags = Array.isArray(source.tags)
    ? source.tags.filter((tag): tag is string => typeof tag === "string")
    : current.tags;
  return {
    channel: oneOf(CHANNELS, stringAt(source, "channel")) ?? current.channel,
    category: stringAt(source, "category") ?? current.category,
    priority: oneOf(PRIORITIES, stringAt(source, "priority")) ?? current.priority,
    team: stringAt(source, "team", "teamId") ?? current.team,
    subject: stringAt(source, "subject") ?? current.subject,
    body: stringAt(source, "body") ?? current.body,
    tags,
    customer: pastedCustomer(
      parsed.customer ?? source.customer,
      stringAt(source, "customerId"),
      current.customer,
    ),
  };
}

export type PasteResult = { ok: true; draft: TestCaseDraft } | { ok: false; reason: string };

/**
 * Fills the test case from pasted text. JSON fills the fields it names (`team` or `teamId`,
 * `customer` as an id or attributes, or `customerId`) and keeps the others; any other text is a
 * message: its first line the subject, the rest the body.
 */
export function parsePastedCase(text: string, current: TestCaseDraft): PasteResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "Nothing was pasted." };
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `The pasted JSON does not parse: ${detail}` };
    }
    if (!isRecord(parsed)) return { ok: false, reason: "The pasted JSON is not an object." };
    return { ok: true, draft: fromJson(parsed, current) };
  }
  const [subject = "", ...rest] = trimmed.split(/\r?\n/);
  return {
    ok: true,
    draft: { ...current, subject: subject.trim(), body: rest.join("\n").trim() },
  };
}
