/**
 * Fake but human-looking names, email addresses and phone numbers. Company domains are built from
 * syllables under the reserved `.example` top-level domain, and phone numbers sit in ranges set
 * aside for drama and testing, so nothing generated belongs to a real person or company.
 */
import type { DemoRegion } from "./demo-segments.js";
import type { Random } from "./random.js";

// biome-ignore format: packed name lists are easier to scan than one name a line
const FIRST_NAMES = [
  "Aisha", "Alejandro", "Amara", "Anna", "Arjun", "Astrid", "Ben", "Bianca", "Carlos", "Chen",
  "Chloe", "Daniel", "Dmitri", "Elena", "Emeka", "Emma", "Fatima", "Felix", "Grace", "Hana",
  "Hannah", "Hiroshi", "Ingrid", "Isabel", "Ivan", "Jamal", "Jana", "Javier", "Jin", "Julia",
  "Kai", "Karin", "Kofi", "Lara", "Leila", "Liam", "Lucas", "Lucia", "Maja", "Malik", "Marco",
  "Maria", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Naomi", "Nils", "Noah", "Olga", "Omar",
  "Paula", "Pedro", "Priya", "Rafael", "Rania", "Ravi", "Rosa", "Ruth", "Sakura", "Samir", "Sara",
  "Sean", "Sofia", "Stefan", "Tariq", "Tess", "Thomas", "Valentina", "Wei", "Yara", "Yusuf",
  "Zara", "Zoe", "Oscar", "Ines", "Tomas", "Ayumi", "Kwame",
] as const;

// biome-ignore format: packed name lists are easier to scan than one name a line
const LAST_NAMES = [
  "Adeyemi", "Almeida", "Andersson", "Bakker", "Becker", "Bianchi", "Brown", "Castillo", "Chen",
  "Costa", "Dubois", "Eriksen", "Fernandes", "Fischer", "Garcia", "Gomez", "Haddad", "Hansen",
  "Hoffmann", "Ito", "Jansen", "Johnson", "Kaur", "Kim", "Kowalski", "Kumar", "Larsen", "Laurent",
  "Lee", "Lindqvist", "Lopez", "Martin", "Mensah", "Moreau", "Muller", "Nakamura", "Nguyen",
  "Novak", "Okafor", "Olsen", "Park", "Patel", "Petrov", "Rossi", "Santos", "Sato", "Schmidt",
  "Shah", "Silva", "Singh", "Smith", "Sorensen", "Tanaka", "Taylor", "Torres", "Van Dijk",
  "Varga", "Wagner", "Walker", "Wang", "Weber", "Williams", "Wong", "Yamamoto", "Zhang",
  "Ziegler", "Abara", "Brennan", "Correia", "Dahl", "Ekström", "Fontaine", "Gallo", "Horvat",
  "Ivanova",
] as const;

// biome-ignore format: packed name lists are easier to scan than one name a line
const DOMAIN_SYLLABLES = [
  "al", "ar", "bel", "bor", "cor", "da", "del", "en", "fal", "gra", "hal", "ix", "ka", "kel",
  "lin", "lo", "mar", "mo", "nex", "nor", "ol", "pra", "qua", "ra", "ren", "sol", "ta", "tek",
  "tor", "ul", "var", "ve", "wen", "xa", "yor", "zen",
] as const;

const COMPANY_SUFFIXES = ["systems", "group", "labs", "works", "trading", "partners", "retail"];

const CONSUMER_MAIL_DOMAINS = [
  "mailbox.example",
  "post.example",
  "inbox.example",
  "webmail.example",
];

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function generatePersonName(random: Random): PersonName {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

/** A company domain such as `korvane-labs.example`, built from two or three syllables. */
export function generateCompanyDomain(random: Random): string {
  const syllableCount = random.int(2, 3);
  let stem = "";
  for (let i = 0; i < syllableCount; i++) stem += random.pick(DOMAIN_SYLLABLES);
  return `${stem}-${random.pick(COMPANY_SUFFIXES)}.example`;
}

/** Business customers write from their company's domain, consumers from a webmail provider. */
export function generateEmail(
  name: PersonName,
  companyDomain: string | undefined,
  random: Random,
): string {
  const local = `${toMailboxPart(name.first)}.${toMailboxPart(name.last)}`;
  if (companyDomain !== undefined) return `${local}@${companyDomain}`;
  return `${local}${random.int(1, 999)}@${random.pick(CONSUMER_MAIL_DOMAINS)}`;
}

/**
 * A number in each region's fictional range: UK 07700 900xxx (Ofcom's drama range),
 * North American 555-01xx, Australian 0491 570 xxx.
 */
export function generatePhone(region: DemoRegion, random: Random): string {
  const digits = (count: number): string => {
    let text = "";
    for (let i = 0; i < count; i++) text += String(random.int(0, 9));
    return text;
  };
  switch (region) {
    case "emea":
      return `+44 7700 900${digits(3)}`;
    case "amer":
      return `+1 ${random.int(201, 989)} 555 01${digits(2)}`;
    case "apac":
      return `+61 491 570 ${digits(3)}`;
  }
}

function toMailboxPart(namePart: string): string {
  return namePart
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
