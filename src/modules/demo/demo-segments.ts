/**
 * Who the demo customers are: tiers, segments and regions with their shares, and how each
 * segment prefers to get in touch.
 */
import type { Channel } from "../events/event.types.js";

export const DEMO_TIERS = ["platinum", "gold", "silver", "bronze"] as const;
export type DemoTier = (typeof DEMO_TIERS)[number];

export const DEMO_SEGMENTS = ["enterprise", "smb", "consumer"] as const;
export type DemoSegment = (typeof DEMO_SEGMENTS)[number];

export const DEMO_REGIONS = ["emea", "amer", "apac"] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export interface TierProfile {
  tier: DemoTier;
  share: number;
  /** Valuable accounts have more users and so contact more often per account. */
  contactPropensity: number;
  /** Added to a case's urgency when choosing its priority. */
  priorityBoost: number;
  segmentShares: Record<DemoSegment, number>;
}

export const TIER_PROFILES: readonly TierProfile[] = [
  {
    tier: "platinum",
    share: 3,
    contactPropensity: 3,
    priorityBoost: 0.3,
    segmentShares: { enterprise: 70, smb: 30, consumer: 0 },
  },
  {
    tier: "gold",
    share: 12,
    contactPropensity: 1.8,
    priorityBoost: 0.18,
    segmentShares: { enterprise: 35, smb: 50, consumer: 15 },
  },
  {
    tier: "silver",
    share: 35,
    contactPropensity: 1.1,
    priorityBoost: 0.06,
    segmentShares: { enterprise: 5, smb: 40, consumer: 55 },
  },
  {
    tier: "bronze",
    share: 50,
    contactPropensity: 0.8,
    priorityBoost: 0,
    segmentShares: { enterprise: 0, smb: 20, consumer: 80 },
  },
];

export const REGION_SHARES: Record<DemoRegion, number> = { emea: 45, amer: 35, apac: 20 };

/** The languages customers are served in (BCP 47), with their shares per region. */
export const LANGUAGE_SHARES_BY_REGION: Record<DemoRegion, Readonly<Record<string, number>>> = {
  emea: { en: 72, de: 14, fr: 9, es: 5 },
  amer: { en: 84, es: 13, fr: 3 },
  apac: { en: 100 },
};

/** Every language some customer is served in, English first. */
export const CUSTOMER_LANGUAGES: readonly string[] = [
  ...new Set(Object.values(LANGUAGE_SHARES_BY_REGION).flatMap((shares) => Object.keys(shares))),
];

export const CHANNEL_MIX_BY_SEGMENT: Record<DemoSegment, Record<Channel, number>> = {
  enterprise: { email: 34, phone: 22, chat: 12, web: 12, social: 2, api: 18 },
  smb: { email: 30, chat: 24, phone: 22, web: 14, social: 5, api: 5 },
  consumer: { email: 24, chat: 30, phone: 22, web: 14, social: 10, api: 0 },
};
