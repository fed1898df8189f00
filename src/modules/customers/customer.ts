export interface Customer {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string;
  segment: string;
  region: string;
  /** The language the customer is served in (BCP 47), when known. */
  language: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Tier, segment and region of a customer that was referenced before it was described. */
export const UNKNOWN_ATTRIBUTE = "unknown";
