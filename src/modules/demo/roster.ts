/**
 * The people of the demo contact centre: its teams, their agents and the customers who contact
 * them. Built once per run from the seed, before any case arrives.
 */

import {
  type AgentProfile,
  assignShift,
  coverTeamSkills,
  drawCapacity,
  drawSkillLevels,
} from "./agent-profiles.js";
import {
  generateCompanyDomain,
  generateEmail,
  generatePersonName,
  generatePhone,
} from "./demo-names.js";
import {
  DEMO_REGIONS,
  DEMO_SEGMENTS,
  type DemoRegion,
  type DemoSegment,
  LANGUAGE_SHARES_BY_REGION,
  REGION_SHARES,
  TIER_PROFILES,
  type TierProfile,
} from "./demo-segments.js";
import { AGENT_LANGUAGES, DEMO_TEAMS, type DemoTeam, type DemoTeamId } from "./demo-teams.js";
import type { EventDraft } from "./event-draft.js";
import {
  buildWeightedTable,
  createRandom,
  pickWeighted,
  type Random,
  type WeightedTable,
} from "./random.js";

export const CUSTOMERS_AT_SCALE_1 = 20_000;

export interface DemoAgent extends AgentProfile {
  id: string;
  team: DemoTeamId;
  name: string;
  skills: string[];
}

export interface DemoCustomer {
  id: string;
  tier: TierProfile;
  segment: DemoSegment;
  region: DemoRegion;
  /** The language the customer is served in (BCP 47). */
  language: string;
  name: string;
  email: string;
  phone: string;
  /** Relative chance that the next case comes from this customer. */
  contactLikelihood: number;
}

export interface Roster {
  teams: readonly DemoTeam[];
  agents: readonly DemoAgent[];
  agentsByTeam: ReadonlyMap<DemoTeamId, readonly DemoAgent[]>;
  customers: readonly DemoCustomer[];
  /** Customers weighted by how often they get in touch: a few contact again and again. */
  customersByContactLikelihood: WeightedTable<DemoCustomer>;
}

export function buildRoster(seed: number, scale: number): Roster {
  const agents = generateAgents(
    createRandom(seed, "agents"),
    createRandom(seed, "agent-profiles"),
    scale,
  );
  const agentsByTeam = new Map<DemoTeamId, DemoAgent[]>();
  for (const agent of agents) {
    const members = agentsByTeam.get(agent.team) ?? [];
    members.push(agent);
    agentsByTeam.set(agent.team, members);
  }

  const customerRandom = createRandom(seed, "customers");
  const customerCount = Math.max(1, Math.round(CUSTOMERS_AT_SCALE_1 * scale));
  // Languages came later than the other attributes: their own stream keeps those as they were.
  const languageRandom = createRandom(seed, "customer-languages");
  const customers: DemoCustomer[] = [];
  for (let index = 0; index < customerCount; index++) {
    customers.push(generateCustomer(index, customerCount, customerRandom, languageRandom));
  }

  return {
    teams: DEMO_TEAMS,
    agents,
    agentsByTeam,
    customers,
    customersByContactLikelihood: buildWeightedTable(
      customers,
      (customer) => customer.contactLikelihood,
    ),
  };
}

/** The roster as events, all at the start of the run so every later event can refer to it. */
export function rosterEvents(roster: Roster, atMs: number): EventDraft[] {
  const drafts: EventDraft[] = [];
  for (const team of roster.teams) {
    drafts.push({
      atMs,
      body: { type: "team.upserted", team: team.id, name: team.name, hourlyCost: team.hourlyCost },
    });
  }
  for (const agent of roster.agents) {
    drafts.push({
      atMs,
      body: {
        type: "agent.upserted",
        agent: agent.id,
        team: agent.team,
        name: agent.name,
        skills: agent.skills,
        skillLevels: agent.skillLevels,
        capacity: agent.capacity,
        shift: agent.shift,
      },
    });
  }
  for (const customer of roster.customers) {
    drafts.push({
      atMs,
      body: {
        type: "customer.upserted",
        customer: customer.id,
        tier: customer.tier.tier,
        segment: customer.segment,
        region: customer.region,
        language: customer.language,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
      },
    });
  }
  return drafts;
}

/**
 * Agents with their profiles (agent-profiles.ts). Names and skills come from `random`, levels and
 * capacities from `profiles`, so adding to the profiles leaves the people as they were.
 */
function generateAgents(random: Random, profiles: Random, scale: number): DemoAgent[] {
  const agents: DemoAgent[] = [];
  const namesInUse = new Set<string>();
  for (const [teamIndex, team] of DEMO_TEAMS.entries()) {
    // Every team keeps at least one agent so that cases routed to it can always be worked.
    const headcount = Math.max(1, Math.round(team.headcount * scale));
    const members: DemoAgent[] = [];
    for (let member = 0; member < headcount; member++) {
      const number = String(agents.length + members.length + 1).padStart(3, "0");
      const name = generateDistinctName(namesInUse, random);
      const skills = chooseAgentSkills(team, random);
      members.push({
        id: `agt-${number}`,
        team: team.id,
        name,
        skills,
        skillLevels: drawSkillLevels(team, skills, profiles),
        capacity: drawCapacity(profiles),
        ...assignShift(team, teamIndex, member),
      });
    }
    coverTeamSkills(team, members);
    agents.push(...members);
  }
  return agents;
}

/** Colleagues with the same name confuse every assignment list; a few redraws avoid most. */
function generateDistinctName(namesInUse: Set<string>, random: Random): string {
  let name = generatePersonName(random).full;
  for (let attempt = 0; attempt < 5 && namesInUse.has(name); attempt++) {
    name = generatePersonName(random).full;
  }
  namesInUse.add(name);
  return name;
}

function chooseAgentSkills(team: DemoTeam, random: Random): string[] {
  const extras = team.extraSkills.filter(() => random.chance(0.45));
  const languages = AGENT_LANGUAGES.filter(() => random.chance(0.15));
  return [...team.coreSkills, ...extras, "en", ...languages];
}

const TIER_TABLE = buildWeightedTable(TIER_PROFILES, (profile) => profile.share);
const REGION_TABLE = buildWeightedTable(DEMO_REGIONS, (region) => REGION_SHARES[region]);
const LANGUAGE_TABLE_BY_REGION = Object.fromEntries(
  DEMO_REGIONS.map((region) => {
    const shares = LANGUAGE_SHARES_BY_REGION[region];
    return [region, buildWeightedTable(Object.keys(shares), (language) => shares[language] ?? 0)];
  }),
) as Record<DemoRegion, WeightedTable<string>>;
const SEGMENT_TABLE_BY_TIER = new Map(
  TIER_PROFILES.map((profile) => [
    profile.tier,
    buildWeightedTable(DEMO_SEGMENTS, (segment) => profile.segmentShares[segment]),
  ]),
);

function generateCustomer(
  index: number,
  customerCount: number,
  random: Random,
  languageRandom: Random,
): DemoCustomer {
  const tier = pickWeighted(TIER_TABLE, random);
  const segmentTable = SEGMENT_TABLE_BY_TIER.get(tier.tier);
  if (segmentTable === undefined) throw new RangeError(`no segment mix for tier ${tier.tier}`);
  const segment = pickWeighted(segmentTable, random);
  const region = pickWeighted(REGION_TABLE, random);
  const name = generatePersonName(random);
  const companyDomain = segment === "consumer" ? undefined : generateCompanyDomain(random);
  const digits = Math.max(5, String(customerCount).length);
  return {
    id: `cus-${String(index + 1).padStart(digits, "0")}`,
    tier,
    segment,
    region,
    language: pickWeighted(LANGUAGE_TABLE_BY_REGION[region], languageRandom),
    name: name.full,
    email: generateEmail(name, companyDomain, random),
    phone: generatePhone(region, random),
    // A log-normal spread gives the long tail of frequent contacters every queue knows.
    contactLikelihood: tier.contactPropensity * random.logNormal(1, 1),
  };
}
