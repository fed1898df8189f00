/**
 * Who may do what. A role is a fixed set of permissions; a user holds one or more grants, each a
 * role scoped to teams and/or regions (an empty list means "all"). Routes name the permission
 * they need (`config.access`); services narrow reads and writes to the grant's scope.
 *
 * This table is the documented permission matrix (see docs/permissions.md, kept in step by a
 * test). Extend it, never rename: tokens and scripts depend on these names.
 */
export const PERMISSIONS = [
  "case:read",
  "case:write",
  "customer:read",
  "customer:write",
  "team:read",
  "team:write",
  "agent:read",
  "agent:write",
  "event:read",
  "event:write",
  /** See personal fields (customer name, email, phone; sensitive free text) unmasked. */
  "pii:read",
  /** Aggregates: scorecards, metrics, reports. */
  "metrics:read",
  "user:read",
  "user:write",
  "audit:read",
  "retention:read",
  "retention:write",
  /** Workspace settings such as intake rules: read by everyone, changed by admins. */
  "settings:read",
  "settings:write",
  /** Create, list and revoke one's own API tokens. */
  "token:own",
  /** Save scorecards and acknowledge alerts: acting on metrics, not only reading them. */
  "metrics:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["admin", "ops_manager", "team_lead", "agent", "analyst", "auditor"] as const;
export type Role = (typeof ROLES)[number];

const READ_OPERATIONS: Permission[] = [
  "case:read",
  "customer:read",
  "team:read",
  "agent:read",
  "event:read",
  "metrics:read",
  "settings:read",
];

export const ROLE_PERMISSIONS: Record<Role, { description: string; permissions: Permission[] }> = {
  admin: {
    description: "Runs the workspace: everything, including users, roles, retention and audit.",
    permissions: [...PERMISSIONS],
  },
  ops_manager: {
    description: "Owns operations: reads and changes cases, customers, teams and agents in scope.",
    permissions: [
      ...READ_OPERATIONS,
      "case:write",
      "customer:write",
      "team:write",
      "agent:write",
      "event:write",
      "pii:read",
      "user:read",
      "retention:read",
      "settings:write",
      "token:own",
      "metrics:write",
    ],
  },
  team_lead: {
    description: "Leads a team: works its cases and customers, manages its agents.",
    permissions: [
      ...READ_OPERATIONS,
      "case:write",
      "customer:write",
      "agent:write",
      "event:write",
      "pii:read",
      "token:own",
      "metrics:write",
    ],
  },
  agent: {
    description: "Works the cases of their team and sees those customers' journeys.",
    permissions: [
      "case:read",
      "case:write",
      "customer:read",
      "team:read",
      "agent:read",
      "event:read",
      "event:write",
      "pii:read",
      "settings:read",
      "token:own",
    ],
  },
  analyst: {
    description: "Reads aggregates and records with personal fields masked; changes nothing.",
    permissions: [...READ_OPERATIONS, "token:own"],
  },
  auditor: {
    description: "Reads everything, including the audit trail and retention; changes nothing.",
    permissions: [...READ_OPERATIONS, "pii:read", "user:read", "audit:read", "retention:read"],
  },
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].permissions.includes(permission);
}
