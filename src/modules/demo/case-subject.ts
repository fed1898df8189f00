/**
 * Fills a category's subject and body templates (`Where is my order {order}?`) with plausible
 * details, so queues and timelines read like a real contact centre's.
 */
import type { DemoCategory } from "./demo-categories.js";
import type { DemoRegion } from "./demo-segments.js";
import type { Random } from "./random.js";
import type { DemoCustomer } from "./roster.js";

const PRODUCTS = [
  "smart thermostat",
  "router",
  "standing desk",
  "coffee machine",
  "label printer",
  "security camera",
  "solar inverter",
  "POS terminal",
];
const PLANS = ["Starter", "Team", "Business", "Enterprise"];
const FEATURES = ["Reports", "Dashboard", "Invoices page", "Search", "Order history", "Scheduler"];
const PLATFORMS = ["iOS", "Android", "Windows", "macOS", "the web"];
const ERROR_CODES = ["E401", "E503", "E1042", "ERR_TIMEOUT", "0x80070005", "E-SYNC-17"];
const COUNTRIES_BY_REGION: Record<DemoRegion, readonly string[]> = {
  emea: ["Germany", "France", "Spain", "Norway", "Poland", "the UK", "Kenya"],
  amer: ["Canada", "Mexico", "Brazil", "Chile", "the US"],
  apac: ["Japan", "Australia", "Singapore", "India", "New Zealand"],
};
const CENTS = ["00", "50", "90", "99"];
const CURRENCY_BY_REGION: Record<DemoRegion, string> = { emea: "€", amer: "$", apac: "A$" };

export function writeSubject(
  category: DemoCategory,
  customer: DemoCustomer,
  random: Random,
): string {
  return fillTemplate(random.pick(category.subjects), customer, random);
}

/** The customer's message: one of the category's bodies, filled like a subject. */
export function writeBody(category: DemoCategory, customer: DemoCustomer, random: Random): string {
  return fillTemplate(random.pick(category.bodies), customer, random);
}

function fillTemplate(template: string, customer: DemoCustomer, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    switch (name) {
      case "order":
        return `#${random.int(100_000, 999_999)}`;
      case "invoice":
        return `INV-${random.int(10_000, 99_999)}`;
      case "contract":
        return `C-${random.int(1000, 9999)}`;
      case "amount":
        return `${CURRENCY_BY_REGION[customer.region]}${random.int(9, 1200)}.${random.pick(CENTS)}`;
      case "days":
        return String(random.int(3, 14));
      case "email":
        return customer.email;
      case "country":
        return random.pick(COUNTRIES_BY_REGION[customer.region]);
      case "product":
        return random.pick(PRODUCTS);
      case "plan":
        return random.pick(PLANS);
      case "feature":
        return random.pick(FEATURES);
      case "platform":
        return random.pick(PLATFORMS);
      case "error":
        return random.pick(ERROR_CODES);
      default:
        // A template with an unknown placeholder is a catalogue mistake; show it rather than guess.
        return placeholder;
    }
  });
}
