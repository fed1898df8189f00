import { createRandom } from "../src/modules/demo/random.js";
import { parseCalendar } from "../src/modules/sla/calendar.js";
import {
  recomputeDueTimes,
  type SlaCase,
  type SlaFact,
  type SlaPolicy,
  validatePolicy,
} from "../src/modules/sla/sla-policy.js";
import {
  type Benchmark,
  type BenchmarkOutcome,
  peakRssMB,
  readPositiveNumber,
  round,
} from "./benchmark.js";

/**
 * The SLA recompute after a calendar edit (PRODUCT.md: 100,000 open cases in < 3 s): every open
 * case is matched to its policy again and its first-response, next-update and resolution clocks
 * recomputed on the freshly parsed calendar (whose day cache therefore starts cold). This is the
 * pure computation the service will run; loading the cases from the store is not included.
 */

const FULL_CASES = 100_000;
const TARGET_SECONDS = 3;
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 2, 18, 10, 0);

const CALENDAR_JSON = {
  timezone: "Europe/Berlin",
  hours: {
    mon: [
      ["08:00", "12:00"],
      ["13:00", "18:00"],
    ],
    tue: [
      ["08:00", "12:00"],
      ["13:00", "18:00"],
    ],
    wed: [
      ["08:00", "12:00"],
      ["13:00", "18:00"],
    ],
    thu: [
      ["08:00", "12:00"],
      ["13:00", "18:00"],
    ],
    fri: [
      ["08:00", "12:00"],
      ["13:00", "17:00"],
    ],
  },
  holidays: ["2026-04-03", "2026-04-06"],
};

function policy(input: unknown): SlaPolicy {
  const result = validatePolicy(input);
  if (!result.ok) throw new Error(`bad benchmark policy: ${result.field} ${result.reason}`);
  return result.policy;
}

const POLICIES = [
  policy({
    id: "urgent",
    name: "Urgent",
    position: 1,
    atRiskShare: 0.75,
    calendarId: "office",
    conditions: { priorities: ["urgent"] },
    targets: {
      firstResponse: { minutes: 30, time: "calendar" },
      resolution: { minutes: 480, time: "business" },
    },
  }),
  policy({
    id: "platinum",
    name: "Platinum",
    position: 2,
    atRiskShare: 0.75,
    calendarId: "office",
    conditions: { tiers: ["platinum", "gold"] },
    targets: {
      firstResponse: { minutes: 60, time: "business" },
      nextUpdate: { minutes: 240, time: "business" },
      resolution: { minutes: 960, time: "business" },
    },
  }),
  policy({
    id: "billing",
    name: "Billing",
    position: 3,
    atRiskShare: 0.8,
    calendarId: "office",
    conditions: { categories: ["billing"] },
    targets: {
      firstResponse: { minutes: 240, time: "business" },
      resolution: { minutes: 2400, time: "business" },
    },
  }),
  policy({
    id: "default",
    name: "Default",
    position: 4,
    atRiskShare: 0.75,
    calendarId: "office",
    conditions: {},
    targets: {
      firstResponse: { minutes: 480, time: "business" },
      nextUpdate: { minutes: 960, time: "business" },
      resolution: { minutes: 4800, time: "business" },
    },
  }),
];

/** Open cases of the last ten days, with replies, waits on the customer and some reopens. */
function openCases(count: number): SlaCase[] {
  const random = createRandom(11, "sla-bench");
  const tiers = ["platinum", "gold", "silver", "bronze"] as const;
  const priorities = ["urgent", "high", "normal", "low"] as const;
  const channels = ["email", "chat", "phone", "web"] as const;
  const categories = [
    "billing/refund",
    "orders/late-delivery",
    "technical/login",
    "account/update",
  ];
  return Array.from({ length: count }, (_, index) => {
    const openedAt = NOW - Math.floor(random.float() * 10 * DAY_MS);
    const events: SlaFact[] = [];
    let at = openedAt;
    const step = () => {
      at += Math.floor(random.float() * 8 * 3_600_000);
      return Math.min(at, NOW - 1);
    };
    if (random.float() < 0.8) events.push({ at: step(), kind: "agent_public_reply" });
    if (random.float() < 0.4) {
      events.push({ at: step(), kind: "status", status: "pending_customer" });
      events.push({ at: step(), kind: "customer_reply" });
      events.push({ at: step(), kind: "status", status: "open" });
    }
    if (random.float() < 0.05) {
      events.push({ at: step(), kind: "resolved" });
      events.push({ at: step(), kind: "reopened" });
    }
    return {
      id: `case-${index}`,
      tier: tiers[index % tiers.length] ?? "bronze",
      priority: priorities[(index * 7) % priorities.length] ?? "normal",
      channel: channels[(index * 3) % channels.length] ?? "email",
      category: categories[(index * 5) % categories.length] ?? "account/update",
      history: { openedAt, events },
    };
  });
}

async function run(): Promise<BenchmarkOutcome> {
  const count = readPositiveNumber("BENCH_SLA_CASES", FULL_CASES);
  const cases = openCases(count);
  const startedAt = performance.now();
  // The edit: the calendar is parsed anew, so its per-day cache starts empty as after a change.
  const parsed = parseCalendar(CALENDAR_JSON);
  if (!parsed.ok) throw new Error(`bad benchmark calendar: ${parsed.field} ${parsed.reason}`);
  const results = recomputeDueTimes(cases, POLICIES, new Map([["office", parsed.calendar]]), NOW);
  const seconds = (performance.now() - startedAt) / 1000;
  const problems = results.filter((result) => "problem" in result).length;
  if (problems > 0) throw new Error(`${problems} cases could not be recomputed`);
  return {
    target: {
      description: "SLA recompute of 100,000 open cases after a calendar edit",
      value: TARGET_SECONDS,
      unit: "s",
    },
    measured: {
      cases: results.length,
      seconds: round(seconds, 3),
      casesPerSecond: Math.round(results.length / seconds),
      peakRssMB: peakRssMB(),
    },
    meetsTarget: seconds < TARGET_SECONDS,
    parameters: { cases: count, fullSize: count === FULL_CASES, policies: POLICIES.length },
    notes: [
      "pure recompute (match policy, three clocks per case, business calendar with lunch break and holidays); loading the open cases from the store and writing the due times back are measured by sla-recompute-store",
    ],
  };
}

export const slaRecomputeBenchmark: Benchmark = { name: "sla-recompute", run };
