import type { Grant } from "../../access/actor.js";

export interface User {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  grants: Grant[];
  /** The agent this user works as; null when they work as none. */
  agentId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Emails are compared case-insensitively; they are stored in this form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const MIN_PASSWORD_LENGTH = 12;
