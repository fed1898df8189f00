/** An audit entry as the rest of the app sees it: payloads parsed, null when absent or purged. */
export interface AuditEntry {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  actor: string;
  action: string;
  targetKind: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  payloadHash: string;
  prevHash: string;
  hash: string;
}
