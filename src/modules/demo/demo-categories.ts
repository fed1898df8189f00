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
  /**
   * Some handoffs on this route happen because intake filed the case under the wrong category:
   * `share` of them were really a `category` case (a category of the receiving team), and the
   * sender corrects the category just before handing the case over.
   */
  misclassified?: { category: string; share: number };
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
  /**
   * The customer's message, one or two sentences with the same placeholders. Some carry the
   * words the demo's keyword routing rules look for ("cannot log in", "down", "cancel").
   */
  bodies: readonly string[];
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
    bodies: [
      "We moved offices last month and the invoices still go to the old address. Could you update it?",
      "Please change the contact email on our account to {email}.",
      "Our company has a new name. Please update it on the account and on future invoices.",
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
    // Many "cannot log in" cases are a technical fault that intake files as an account problem.
    handoffProbability: 0.35,
    handoffRoutes: [
      {
        to: "technical",
        reason: "two-factor or SSO problem",
        weight: 1,
        misclassified: { category: "technical/login", share: 0.8 },
      },
    ],
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
    bodies: [
      "I cannot log in since this morning. The reset link says it has expired.",
      "I am locked out after typing the wrong password a few times. Please unlock my account.",
      "I got a new phone and the two-factor codes no longer work. How do I get back in?",
      "A new colleague cannot sign in with our SSO. The page just reloads.",
      "Please give my colleague admin rights on our account.",
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
      {
        to: "technical",
        reason: "question turned out to be a technical fault",
        weight: 3,
        misclassified: { category: "technical/bug", share: 0.7 },
      },
      {
        to: "billing",
        reason: "pricing question needs billing",
        weight: 2,
        misclassified: { category: "billing/plan-change", share: 0.5 },
      },
      { to: "logistics", reason: "shipping question needs logistics", weight: 1 },
    ],
    rootCauses: ["how-to-question", "unclear-documentation", "pricing-question"],
    subjects: [
      "How do I export my order history?",
      "Do you ship to {country}?",
      "What is included in the {plan} plan?",
      "Question about the {product} warranty",
    ],
    bodies: [
      "Is there a way to export all of last year's orders in one go?",
      "We are looking at the {plan} plan. What exactly is included, and is there a trial?",
      "Do you deliver to {country}, and how long does it usually take?",
      "How long is the warranty on the {product}, and does it cover parts?",
      "My account says it is active but I cannot log in to see my orders. Is something wrong on your side?",
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
    handoffRoutes: [
      {
        to: "escalations",
        reason: "customer asks for a manager",
        weight: 1,
        misclassified: { category: "general/formal-complaint", share: 0.3 },
      },
    ],
    rootCauses: ["service-failure", "staff-conduct", "broken-promise", "policy-disagreement"],
    subjects: [
      "Very unhappy with how my last request was handled",
      "Nobody called me back as promised",
      "Complaint about the delivery driver",
      "Third time contacting you about the same problem",
    ],
    bodies: [
      "This is the third time I am writing about the same problem and nobody has answered.",
      "Your colleague promised to call me back on Monday. Nobody called.",
      "The delivery driver was rude and left the parcel in the rain.",
      "I am very disappointed with your service. If this is not sorted out this week I will cancel my subscription.",
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
    bodies: [
      "I wish to make a formal complaint about how my last three requests were handled.",
      "After repeated failures we request compensation. Please treat this as a formal complaint.",
      "We dispute the charges under contract {contract} and expect a written answer within {days} days.",
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
    handoffRoutes: [
      {
        to: "logistics",
        reason: "carrier investigation needed",
        weight: 1,
        misclassified: { category: "orders/late-delivery", share: 0.5 },
      },
    ],
    rootCauses: ["tracking-not-updated", "carrier-delay", "customer-unaware-of-eta"],
    subjects: [
      "Where is my order {order}?",
      "Tracking for {order} has not moved in {days} days",
      "When will order {order} arrive?",
    ],
    bodies: [
      "The tracking page for {order} has not changed in {days} days. Is the parcel lost?",
      "Can you tell me when order {order} will arrive? I need it before the weekend.",
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
    bodies: [
      "Order {order} should have arrived {days} days ago and the tracking still says in transit.",
      "We paid for next-day delivery and are still waiting for {order}.",
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
    bodies: [
      "The {product} arrived with a cracked casing and parts missing. Photos attached.",
      "The box was crushed and the {product} inside does not switch on.",
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
    bodies: [
      "I ordered a {product} but order {order} contained something else.",
      "What arrived does not match the order confirmation for {order}.",
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
    bodies: [
      "I would like to return the {product}, it is not what we need. How do I get a label?",
      "I sent the return for {order} {days} days ago and have heard nothing since.",
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
    handoffRoutes: [
      {
        to: "logistics",
        reason: "returned parcel not yet received",
        weight: 1,
        misclassified: { category: "orders/return", share: 0.3 },
      },
    ],
    rootCauses: ["refund-delay", "policy-confusion", "payment-processor-error"],
    subjects: [
      "Refund of {amount} not received yet",
      "Where is my refund for order {order}?",
      "Refund was for the wrong amount ({amount})",
    ],
    bodies: [
      "You confirmed a refund of {amount} two weeks ago. It is still not on my card.",
      "The refund for {order} was less than the price I paid.",
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
    handoffRoutes: [
      {
        to: "frontline",
        reason: "account details need updating first",
        weight: 1,
        misclassified: { category: "account/update", share: 0.4 },
      },
    ],
    rootCauses: ["invoice-error", "missing-tax-details", "customer-misunderstanding"],
    subjects: [
      "Invoice {invoice} shows the wrong VAT number",
      "Need a copy of invoice {invoice}",
      "Charged twice on invoice {invoice}",
    ],
    bodies: [
      "Invoice {invoice} has the wrong VAT number. Please send a corrected copy.",
      "We were charged twice on invoice {invoice}. Please refund one of the payments.",
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
    handoffRoutes: [
      {
        to: "technical",
        reason: "checkout page error",
        weight: 1,
        misclassified: { category: "technical/bug", share: 0.6 },
      },
    ],
    rootCauses: ["card-declined", "checkout-error", "fraud-check-block", "expired-card"],
    subjects: [
      "Payment of {amount} keeps failing at checkout",
      "Card declined but money was taken",
      "Cannot pay the {plan} subscription",
    ],
    bodies: [
      "The payment of {amount} fails at checkout with error {error}, but my bank says the card is fine.",
      "My card was declined, yet the money left my account.",
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
    bodies: [
      "Please move us to the {plan} plan at the promotion price.",
      "The promo code was not applied when I upgraded to {plan}.",
      "Please cancel the upgrade I made yesterday, it was a mistake.",
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
    handoffRoutes: [
      {
        to: "it-ops",
        reason: "authentication service fault",
        weight: 1,
        misclassified: { category: "technical/outage", share: 0.3 },
      },
    ],
    rootCauses: ["session-bug", "browser-cache", "identity-provider-outage", "user-error"],
    subjects: [
      "App logs me out every few minutes",
      "Error {error} when signing in",
      "Login loop on the mobile app",
    ],
    bodies: [
      "The app logs me out every few minutes and I have to log in again.",
      "Signing in fails with error {error} on {platform}.",
      "The login page on the mobile app sends me round in a loop.",
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
    bodies: [
      "{feature} shows totals that do not match the export. It started after the last update.",
      "Exporting to CSV crashes with error {error}.",
      "The {feature} button does nothing on {platform}.",
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
    handoffRoutes: [
      {
        to: "product",
        reason: "API limitation",
        weight: 1,
        misclassified: { category: "product/feature-request", share: 0.4 },
      },
    ],
    rootCauses: ["api-misuse", "webhook-misconfiguration", "rate-limit", "software-defect"],
    subjects: [
      "Webhook deliveries failing with {error}",
      "API returns 429 during our nightly sync",
      "OAuth token refresh rejected for our integration",
    ],
    bodies: [
      "Our webhook deliveries fail with {error} since yesterday.",
      "The API returns 429 during our nightly sync although we stay under the limit.",
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
    bodies: [
      "Nothing works for anyone in our office. Is there an outage?",
      "{feature} has been down since this morning for all our users in {country}.",
      "The site is unavailable and shows error {error} for everyone here.",
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
    bodies: [
      "{feature} takes over a minute to open for our users in {country}.",
      "Saving large orders times out after thirty seconds.",
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
    bodies: [
      "The new {feature} layout is harder to read. Could the old view come back as an option?",
      "We like the {feature} update. One suggestion: let us pin favourites.",
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
    bodies: [
      "Please add bulk editing to {feature}, we edit hundreds of rows a week.",
      "Could {feature} support several currencies? We sell in {country} too.",
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
    bodies: [
      "We need the {product} installed at our site in {country}. Which dates are free?",
      "The installer did not come for the {product} appointment yesterday.",
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
    handoffRoutes: [
      {
        to: "technical",
        reason: "remote diagnostics first",
        weight: 1,
        misclassified: { category: "technical/bug", share: 0.3 },
      },
    ],
    rootCauses: ["hardware-fault", "wear-and-tear", "installation-fault"],
    subjects: [
      "{product} stopped working, need a repair visit",
      "Error {error} on the {product} display",
      "Repair from last week did not fix the {product}",
    ],
    bodies: [
      "The {product} shows error {error} and will not start. We need a technician.",
      "The repair last week did not fix the {product}, it failed again.",
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
