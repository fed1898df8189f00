import type { Selectable } from "kysely";

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** 0 or 1: portable across SQLite and PostgreSQL. */
  disabled: number;
  /** The agent this user works as (sets their presence, pulls their next case); null: none. */
  agent_id: string | null;
  created_at: number;
  updated_at: number;
}
export type UserRow = Selectable<UserTable>;

export interface UserGrantTable {
  user_id: string;
  position: number;
  role: string;
  /** JSON array of team ids; empty means all teams. */
  teams: string;
  /** JSON array of regions; empty means all regions. */
  regions: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so people can tell tokens apart. */
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}
export type ApiTokenRow = Selectable<ApiTokenTable>;
