/**
 * The demo's case taxonomy: `top/sub` categories, the team that owns each, how often customers
 * raise it, how much work it takes, where it tends to be handed off, and the root causes agents
 * close it with. Shares and durations are tuned so the KPIs land in believable ranges (median
 * first response of minutes on phone/chat and hours on email, AHT around ten minutes).
 */
import type { Channel } from "../events/event.types.js";
import type { DemoTeamId } from "./demo-teams.js";

export interface HandoffRoute {
  to: DemoTeamId;
  reason: string;
  weight: number;
}

export interface DemoCategory {
  id: string;
  team: DemoTeamId;
  /** Relative share of ordinary demand. */
  weight: number;
  /** Relative share of the extra demand a promotion brings (0: a promotion does not touch it). */
  promotionWeight: number;
  /** 0 (can wait) … 1 (service down); drives priority together with the customer's tier. */
  urgency: number;
  /** Median total agent handling time. */
  handleMinutes: number;
  /** Median time the case waits on internal work (a refund to clear, a technician visit). */
  investigationHours: number;
  /** Channel preferences on top of the segment's mix (multipliers; missing means 1). */
  channelBias?: Partial<Record<Channel, number>>;
  handoffProbability: number;
  handoffRoutes: readonly HandoffRoute[];
  rootCauses: readonly string[];
  /** One-line summaries; `{placeholders}` are filled by the subject writer. */
  subjects: readonly string[];
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    id: "account/update",
    team: "frontline",
    weight: 7,
    promotionWeight: 5,
    urgency: 0.15,
    handleMinutes: 5,
    investigationHours: 0.2,
    handoffProbability: 0.03,
    handoffRoutes: [{ to: "billing", reason: "billing details change", weight: 1 }],
    rootCauses: ["customer-request", "data-entry-error", "self-service-gap"],
    subjects: [
      "Please update the delivery address on my account",
      "Change the contact email to {email}",
      "Company name changed, need the account updated",
      "Add a second user to our account",
    ],
  },
  {
    id: "account/access",
    team: "frontline",
    weight: 8,
    promotionWeight: 0,
    urgency: 0.45,
    handleMinutes: 6,
    investigationHours: 0.3,
    channelBias: { phone: 1.4, chat: 1.3 },
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "technical", reason: "two-factor or SSO problem", weight: 1 }],
    rootCauses: [
      "password-reset",
      "account-locked",
      "two-factor-device-lost",
      "sso-misconfiguration",
    ],
    subjects: [
      "Locked out of my account after too many attempts",
      "Password reset email never arrives",
      "Lost my phone, cannot pass two-factor login",
      "New colleague cannot sign in with SSO",
    ],
  },
  {
    id: "general/question",
    team: "frontline",
    weight: 10,
    promotionWeight: 5,
    urgency: 0.1,
    handleMinutes: 4,
    investigationHours: 0.1,
    channelBias: { chat: 1.3, web: 1.2 },
    handoffProbability: 0.1,
    handoffRoutes: [
      { to: "technical", reason: "question turned out to be a technical fault", weight: 3 },
      { to: "billing", reason: "pricing question needs billing", weight: 2 },
      { to: "logistics", reason: "shipping question needs logistics", weight: 1 },
    ],
    rootCauses: ["how-to-question", "unclear-documentation", "pricing-question"],
    subjects: [
      "How do I export my order history?",
      "Do you ship to {country}?",
      "What is included in the {plan} plan?",
      "Question about the {product} warranty",
    ],
  },
  {
    id: "general/complaint",
    team: "frontline",
    weight: 4,
    promotionWeight: 0,
    urgency: 0.4,
    handleMinutes: 10,
    investigationHours: 2,
    channelBias: { social: 2.5, email: 1.2 },
    handoffProbability: 0.12,
    handoffRoutes: [{ to: "escalations", reason: "customer asks for a manager", weight: 1 }],
    rootCauses: ["service-failure", "staff-conduct", "broken-promise", "policy-disagreement"],
    subjects: [
      "Very unhappy with how my last request was handled",
      "Nobody called me back as promised",
      "Complaint about the delivery driver",
      "Third time contacting you about the same problem",
    ],
  },
  {
    id: "general/formal-complaint",
    team: "escalations",
    weight: 1,
    promotionWeight: 0,
    urgency: 0.6,
    handleMinutes: 18,
    investigationHours: 30,
    channelBias: { email: 2, web: 1.5, chat: 0.3, social: 0.5 },
    handoffProbability: 0,
    handoffRoutes: [],
    rootCauses: ["service-failure", "billing-dispute", "contract-breach-claim"],
    subjects: [
      "Formal complaint regarding case handling",
      "Request for compensation after repeated failures",
      "Notice of dispute on contract {contract}",
    ],
  },
  {
    id: "orders/tracking",
    team: "frontline",
    weight: 7,
    promotionWeight: 14,
    urgency: 0.2,
    handleMinutes: 4,
    investigationHours: 0.2,
    channelBias: { chat: 1.5, social: 1.3 },
    handoffProbability: 0.15,
    handoffRoutes: [{ to: "logistics", reason: "carrier investigation needed", weight: 1 }],
    rootCauses: ["tracking-not-updated", "carrier-delay", "customer-unaware-of-eta"],
    subjects: [
      "Where is my order {order}?",
      "Tracking for {order} has not moved in {days} days",
      "When will order {order} arrive?",
    ],
  },
  {
    id: "orders/late-delivery",
    team: "logistics",
    weight: 6,
    promotionWeight: 16,
    urgency: 0.35,
    handleMinutes: 8,
    investigationHours: 20,
    handoffProbability: 0.05,
    handoffRoutes: [{ to: "billing", reason: "customer wants a delivery refund", weight: 1 }],
    rootCauses: ["carrier-delay", "warehouse-backlog", "address-problem", "stock-shortage"],
    subjects: [
      "Order {order} is {days} days late",
      "Promised next-day delivery, still nothing for {order}",
      "Delivery window missed again for {order}",
    ],
  },
  {
    id: "orders/damaged",
    team: "logistics",
    weight: 3,
    promotionWeight: 4,
    urgency: 0.4,
    handleMinutes: 9,
    investigationHours: 24,
    channelBias: { email: 1.3, social: 1.3 },
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "billing", reason: "refund approval for damaged goods", weight: 1 }],
    rootCauses: ["packaging-failure", "carrier-handling", "manufacturing-defect"],
    subjects: [
      "{product} arrived broken",
      "Box crushed, {product} damaged in order {order}",
      "Parts missing and casing cracked on my {product}",
    ],
  },
  {
    id: "orders/wrong-item",
    team: "logistics",
    weight: 2,
    promotionWeight: 6,
    urgency: 0.3,
    handleMinutes: 7,
    investigationHours: 24,
    handoffProbability: 0.05,
    handoffRoutes: [{ to: "billing", reason: "price difference to refund", weight: 1 }],
    rootCauses: ["picking-error", "catalogue-mismatch", "label-swap"],
    subjects: [
      "Received the wrong item in order {order}",
      "Ordered a {product}, got something else",
    ],
  },
  {
    id: "orders/return",
    team: "logistics",
    weight: 4,
    promotionWeight: 8,
    urgency: 0.15,
    handleMinutes: 6,
    investigationHours: 30,
    channelBias: { web: 1.6 },
    handoffProbability: 0.12,
    handoffRoutes: [{ to: "billing", reason: "refund processing", weight: 1 }],
    rootCauses: ["changed-mind", "item-not-as-described", "return-label-issue"],
    subjects: [
      "I would like to return my {product}",
      "Return label for {order} does not work",
      "Return sent {days} days ago, no confirmation",
    ],
  },
  {
    id: "billing/refund",
    team: "billing",
    weight: 6,
    promotionWeight: 10,
    urgency: 0.35,
    handleMinutes: 9,
    investigationHours: 26,
    handoffProbability: 0.07,
    handoffRoutes: [{ to: "logistics", reason: "returned parcel not yet received", weight: 1 }],
    rootCauses: ["refund-delay", "policy-confusion", "payment-processor-error"],
    subjects: [
      "Refund of {amount} not received yet",
      "Where is my refund for order {order}?",
      "Refund was for the wrong amount ({amount})",
    ],
  },
  {
    id: "billing/invoice",
    team: "billing",
    weight: 5,
    promotionWeight: 6,
    urgency: 0.2,
    handleMinutes: 7,
    investigationHours: 4,
    channelBias: { email: 1.6, api: 1.2, chat: 0.7 },
    handoffProbability: 0.03,
    handoffRoutes: [{ to: "frontline", reason: "account details need updating first", weight: 1 }],
    rootCauses: ["invoice-error", "missing-tax-details", "customer-misunderstanding"],
    subjects: [
      "Invoice {invoice} shows the wrong VAT number",
      "Need a copy of invoice {invoice}",
      "Charged twice on invoice {invoice}",
    ],
  },
  {
    id: "billing/payment-failed",
    team: "billing",
    weight: 5,
    promotionWeight: 12,
    urgency: 0.45,
    handleMinutes: 8,
    investigationHours: 2,
    channelBias: { chat: 1.3, phone: 1.2 },
    handoffProbability: 0.08,
    handoffRoutes: [{ to: "technical", reason: "checkout page error", weight: 1 }],
    rootCauses: ["card-declined", "checkout-error", "fraud-check-block", "expired-card"],
    subjects: [
      "Payment of {amount} keeps failing at checkout",
      "Card declined but money was taken",
      "Cannot pay the {plan} subscription",
    ],
  },
  {
    id: "billing/plan-change",
    team: "billing",
    weight: 4,
    promotionWeight: 14,
    urgency: 0.15,
    handleMinutes: 6,
    investigationHours: 1,
    channelBias: { web: 1.4 },
    handoffProbability: 0.02,
    handoffRoutes: [{ to: "frontline", reason: "plan question for the account owner", weight: 1 }],
    rootCauses: ["upgrade-request", "promotion-terms-unclear", "downgrade-request"],
    subjects: [
      "Switch us to the {plan} plan with the promotion price",
      "Promo code not applied to my {plan} upgrade",
      "Cancel the upgrade I made yesterday",
    ],
  },
  {
    id: "technical/login",
    team: "technical",
    weight: 6,
    promotionWeight: 0,
    urgency: 0.5,
    handleMinutes: 9,
    investigationHours: 1,
    channelBias: { chat: 1.3, phone: 1.2 },
    handoffProbability: 0.05,
    handoffRoutes: [{ to: "it-ops", reason: "authentication service fault", weight: 1 }],
    rootCauses: ["session-bug", "browser-cache", "identity-provider-outage", "user-error"],
    subjects: [
      "App logs me out every few minutes",
      "Error {error} when signing in",
      "Login loop on the mobile app",
    ],
  },
  {
    id: "technical/bug",
    team: "technical",
    weight: 6,
    promotionWeight: 0,
    urgency: 0.4,
    handleMinutes: 15,
    investigationHours: 30,
    channelBias: { email: 1.4, web: 1.3, phone: 0.7 },
    handoffProbability: 0.25,
    handoffRoutes: [{ to: "product", reason: "confirmed defect needs a fix", weight: 1 }],
    rootCauses: ["software-defect", "known-issue", "configuration-error", "not-reproducible"],
    subjects: [
      "{feature} shows the wrong totals",
      "Export to CSV crashes with error {error}",
      "{feature} button does nothing on {platform}",
      "Notifications arrive twice since the last update",
    ],
  },
  {
    id: "technical/integration",
    team: "technical",
    weight: 3,
    promotionWeight: 0,
    urgency: 0.35,
    handleMinutes: 18,
    investigationHours: 20,
    channelBias: { api: 6, email: 1.5, phone: 0.5, social: 0.1 },
    handoffProbability: 0.12,
    handoffRoutes: [{ to: "product", reason: "API limitation", weight: 1 }],
    rootCauses: ["api-misuse", "webhook-misconfiguration", "rate-limit", "software-defect"],
    subjects: [
      "Webhook deliveries failing with {error}",
      "API returns 429 during our nightly sync",
      "OAuth token refresh rejected for our integration",
    ],
  },
  {
    id: "technical/outage",
    team: "it-ops",
    weight: 2,
    promotionWeight: 0,
    urgency: 0.9,
    handleMinutes: 10,
    investigationHours: 3,
    channelBias: { phone: 1.8, social: 1.5, api: 1.5 },
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "product", reason: "code fix required", weight: 1 }],
    rootCauses: ["infrastructure-failure", "bad-deployment", "third-party-outage"],
    subjects: [
      "Service completely down for our team",
      "{feature} unavailable since this morning",
      "Site returns error {error} for everyone here",
    ],
  },
  {
    id: "technical/performance",
    team: "it-ops",
    weight: 2,
    promotionWeight: 0,
    urgency: 0.5,
    handleMinutes: 12,
    investigationHours: 8,
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "product", reason: "slow query in the product", weight: 1 }],
    rootCauses: ["capacity-shortfall", "slow-query", "network-latency"],
    subjects: [
      "{feature} takes over a minute to load",
      "Everything is very slow for our users in {country}",
      "Timeouts when saving large orders",
    ],
  },
  {
    id: "product/feedback",
    team: "product",
    weight: 2,
    promotionWeight: 0,
    urgency: 0.05,
    handleMinutes: 5,
    investigationHours: 12,
    channelBias: { web: 2, social: 1.5, phone: 0.3 },
    handoffProbability: 0,
    handoffRoutes: [],
    rootCauses: ["usability-issue", "positive-feedback", "design-change-reaction"],
    subjects: [
      "The new {feature} layout is confusing",
      "Love the {feature} update, one suggestion",
      "Feedback on the {platform} app",
    ],
  },
  {
    id: "product/feature-request",
    team: "product",
    weight: 2,
    promotionWeight: 0,
    urgency: 0.05,
    handleMinutes: 6,
    investigationHours: 24,
    channelBias: { web: 2, email: 1.3, phone: 0.3 },
    handoffProbability: 0,
    handoffRoutes: [],
    rootCauses: ["feature-gap", "already-on-roadmap", "workaround-available"],
    subjects: [
      "Please add bulk editing to {feature}",
      "Can {feature} support multiple currencies?",
      "Request: dark mode on {platform}",
    ],
  },
  {
    id: "field/install",
    team: "field-service",
    weight: 3,
    promotionWeight: 0,
    urgency: 0.3,
    handleMinutes: 14,
    investigationHours: 70,
    channelBias: { phone: 1.8, web: 1.3, social: 0.2 },
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "logistics", reason: "parts missing for the installation", weight: 1 }],
    rootCauses: ["scheduled-install", "missing-parts", "site-not-ready"],
    subjects: [
      "Book installation of {product} at our site",
      "Installer did not show up for {product}",
      "Need a technician to set up {product}",
    ],
  },
  {
    id: "field/repair",
    team: "field-service",
    weight: 2,
    promotionWeight: 0,
    urgency: 0.55,
    handleMinutes: 16,
    investigationHours: 50,
    channelBias: { phone: 2, social: 0.2 },
    handoffProbability: 0.1,
    handoffRoutes: [{ to: "technical", reason: "remote diagnostics first", weight: 1 }],
    rootCauses: ["hardware-fault", "wear-and-tear", "installation-fault"],
    subjects: [
      "{product} stopped working, need a repair visit",
      "Error {error} on the {product} display",
      "Repair from last week did not fix the {product}",
    ],
  },
];

export function topLevelOf(categoryId: string): string {
  const slash = categoryId.indexOf("/");
  return slash === -1 ? categoryId : categoryId.slice(0, slash);
}

export function findDemoCategory(id: string): DemoCategory {
  const category = DEMO_CATEGORIES.find((candidate) => candidate.id === id);
  if (category === undefined) throw new RangeError(`unknown demo category ${id}`);
  return category;
}

/** Categories sharing a top level (`billing/…`), for recontacts about the same kind of problem. */
export function categoriesInTopLevel(topLevel: string): readonly DemoCategory[] {
  return DEMO_CATEGORIES.filter((category) => topLevelOf(category.id) === topLevel);
}
