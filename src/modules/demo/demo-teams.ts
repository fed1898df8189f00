/**
 * The demo contact centre's teams. Headcounts are for scale 1; the roster multiplies them by the
 * run's scale so that waits stay believable at any volume.
 */

export const DEMO_TEAM_IDS = [
  "frontline",
  "technical",
  "billing",
  "logistics",
  "it-ops",
  "product",
  "field-service",
  "escalations",
] as const;
export type DemoTeamId = (typeof DEMO_TEAM_IDS)[number];

export interface DemoTeam {
  id: DemoTeamId;
  name: string;
  hourlyCost: number;
  headcount: number;
  /** Every agent of the team has these. */
  coreSkills: readonly string[];
  /** Agents get a few of these, so skills-based routing has something to choose between. */
  extraSkills: readonly string[];
  /** What a team expects to be told when a case is handed to it (the handoff checklist). */
  handoffChecklist: readonly string[];
  /**
   * Staffed at night as well: some agents work the night shift. The frontline is, for phones and
   * chats; the other teams' agents are called in for what cannot wait until morning.
   */
  aroundTheClock: boolean;
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    id: "frontline",
    name: "Frontline Support",
    hourlyCost: 28,
    headcount: 18,
    coreSkills: ["general", "accounts"],
    extraSkills: ["complaints", "orders", "billing-basics", "social-media", "login"],
    handoffChecklist: ["summary", "customer_verified", "contact_preference"],
    aroundTheClock: true,
  },
  {
    id: "technical",
    name: "Technical Support",
    hourlyCost: 45,
    headcount: 9,
    coreSkills: ["technical", "troubleshooting"],
    extraSkills: ["login", "integrations", "api", "mobile-app"],
    handoffChecklist: ["summary", "repro_steps", "environment", "screenshots"],
    aroundTheClock: false,
  },
  {
    id: "billing",
    name: "Billing & Payments",
    hourlyCost: 34,
    headcount: 8,
    coreSkills: ["billing"],
    extraSkills: ["refunds", "invoices", "payments", "subscriptions"],
    handoffChecklist: ["summary", "invoice_number", "amount_confirmed"],
    aroundTheClock: false,
  },
  {
    id: "logistics",
    name: "Logistics & Fulfilment",
    hourlyCost: 31,
    headcount: 7,
    coreSkills: ["orders", "shipping"],
    extraSkills: ["returns", "carriers", "warehouse"],
    handoffChecklist: ["summary", "order_number", "address_verified", "photos"],
    aroundTheClock: false,
  },
  {
    id: "it-ops",
    name: "IT Operations",
    hourlyCost: 62,
    headcount: 4,
    coreSkills: ["infrastructure", "incident-response"],
    extraSkills: ["networking", "databases", "monitoring"],
    handoffChecklist: ["summary", "customer_impact", "timestamps", "error_messages"],
    aroundTheClock: false,
  },
  {
    id: "product",
    name: "Product Engineering",
    hourlyCost: 75,
    headcount: 3,
    coreSkills: ["product", "bugs"],
    extraSkills: ["web-app", "mobile-app", "api"],
    handoffChecklist: ["summary", "repro_steps", "expected_behaviour", "affected_customers"],
    aroundTheClock: false,
  },
  {
    id: "field-service",
    name: "Field Service",
    hourlyCost: 52,
    headcount: 6,
    coreSkills: ["field", "installation"],
    extraSkills: ["repairs", "scheduling", "hardware"],
    handoffChecklist: ["summary", "site_address", "access_window", "equipment_model"],
    aroundTheClock: false,
  },
  {
    id: "escalations",
    name: "Escalations Desk",
    hourlyCost: 48,
    headcount: 5,
    coreSkills: ["escalations", "complaints"],
    extraSkills: ["retention", "legal", "executive-care"],
    handoffChecklist: ["summary", "history_reviewed", "customer_expectation"],
    aroundTheClock: false,
  },
];

/** Languages agents speak; English is universal, the rest follow the customer base. */
export const AGENT_LANGUAGES = ["de", "fr", "es", "ja", "pt"] as const;

export function findDemoTeam(id: DemoTeamId): DemoTeam {
  const team = DEMO_TEAMS.find((candidate) => candidate.id === id);
  if (team === undefined) throw new RangeError(`unknown demo team ${id}`);
  return team;
}

export function isDemoTeamId(id: string): id is DemoTeamId {
  return DEMO_TEAM_IDS.some((teamId) => teamId === id);
}
