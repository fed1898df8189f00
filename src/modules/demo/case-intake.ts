/**
 * What a new case looks like when it arrives: the channel the customer chose, the priority intake
 * gave it, its one-line subject and the customer's message.
 */
import { CHANNELS, type Channel, type Priority } from "../events/event.types.js";
import { writeBody, writeSubject } from "./case-subject.js";
import type { DemoCategory } from "./demo-categories.js";
import { CHANNEL_MIX_BY_SEGMENT, type DemoSegment } from "./demo-segments.js";
import { buildWeightedTable, pickWeighted, type Random, type WeightedTable } from "./random.js";
import type { DemoCustomer } from "./roster.js";

export interface CaseIntake {
  caseId: string;
  customer: DemoCustomer;
  category: DemoCategory;
  channel: Channel;
  priority: Priority;
  subject: string;
  body: string;
  openedAtMs: number;
}

/**
 * The body comes from `texts`, a stream of its own: messages came after the first version of
 * the simulator, and drawing them from `random` would have changed every case's story.
 */
export function describeNewCase(
  caseId: string,
  customer: DemoCustomer,
  category: DemoCategory,
  openedAtMs: number,
  random: Random,
  texts: Random,
): CaseIntake {
  return {
    caseId,
    customer,
    category,
    channel: pickWeighted(channelMixFor(customer.segment, category), random),
    priority: choosePriority(category, customer, random),
    subject: writeSubject(category, customer, random),
    body: writeBody(category, customer, texts),
    openedAtMs,
  };
}

/**
 * Urgency of the topic plus the customer's tier, with some noise for how the customer phrased it.
 * Tuned so that about 2 % of cases are urgent, 15–20 % high and a fifth low.
 */
export function choosePriority(
  category: DemoCategory,
  customer: DemoCustomer,
  random: Random,
): Priority {
  const score = category.urgency + customer.tier.priorityBoost + 0.18 * random.normal();
  if (score > 1.0) return "urgent";
  if (score > 0.6) return "high";
  if (score < 0.15) return "low";
  return "normal";
}

const channelMixCache = new Map<string, WeightedTable<Channel>>();

function channelMixFor(segment: DemoSegment, category: DemoCategory): WeightedTable<Channel> {
  const key = `${segment}|${category.id}`;
  let table = channelMixCache.get(key);
  if (table === undefined) {
    const segmentMix = CHANNEL_MIX_BY_SEGMENT[segment];
    table = buildWeightedTable(
      CHANNELS,
      (channel) => segmentMix[channel] * (category.channelBias?.[channel] ?? 1),
    );
    channelMixCache.set(key, table);
  }
  return table;
}
