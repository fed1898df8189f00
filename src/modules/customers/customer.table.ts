import type { Selectable } from "kysely";

export interface CustomerTable {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string;
  segment: string;
  region: string;
  language: string | null;
  created_at: number;
  updated_at: number;
}
export type CustomerRow = Selectable<CustomerTable>;
