import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Actor } from "../src/access/actor.js";
import { SYSTEM_ACTORS } from "../src/access/actor.js";
import { loadConfig } from "../src/config.js";
import { openStore } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import {
  AUDIT_VERIFY_PAGE_SIZE,
  type AuditInput,
  appendAuditBatch,
  verifyAudit,
} from "../src/modules/audit/audit.service.js";
import {
  type Benchmark,
  type BenchmarkOutcome,
  peakRssMB,
  readPositiveNumber,
  round,
} from "./benchmark.js";

/**
 * Audit-chain verification over 1,000,000 entries in SQLite, as `throughline audit verify` and
 * `GET /api/v1/audit/verify` run it: keyset pages of 10,000 by seq, every entry's hash and
 * payload hash recomputed, the end compared with audit_head. The entries are appended first
 * through the real `appendAuditBatch` (the same hashing as `appendAudit`), 10,000 a transaction.
 */

const FULL_ENTRIES = 1_000_000;
const APPEND_BATCH = 10_000;
/**
 * 1,000,000 entries in ≤ 10 s: the verify endpoint answers well inside the 30–60 s a reverse
 * proxy usually allows a request, and an operator waits seconds, not minutes, at the CLI.
 */
const TARGET_ENTRIES_PER_SECOND = 100_000;
const MIB = 2 ** 20;
const T0 = Date.UTC(2026, 0, 1);

const STATUSES = ["open", "pending", "on_hold", "solved"] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("pick needs a non-empty list");
  return item;
}

const USERS: Actor[] = Array.from({ length: 50 }, (_, index) => ({
  kind: "user",
  userId: `u-${index}`,
  email: `user${index}@example.com`,
  name: `User ${index}`,
  grants: [],
  via: "session",
}));

/** A mix like a working day's: mostly case updates with before and after images of a case. */
function auditInput(index: number): AuditInput {
  const at = T0 + index * 250;
  if (index % 100 === 0) {
    return {
      actor: SYSTEM_ACTORS.cli,
      action: "events.import",
      targetKind: "events",
      targetId: null,
      after: { imported: 5_000, duplicates: index % 7, file: `batch-${index}.ndjson` },
      at,
    };
  }
  const caseId = `case-${String(index % 200_000).padStart(6, "0")}`;
  const state = {
    id: caseId,
    status: pick(STATUSES, index),
    priority: pick(PRIORITIES, index >> 2),
    teamId: `team-${index % 12}`,
    agentId: `agent-${index % 400}`,
    subject: `Refund for order ${index % 90_000} not received`,
    reopenCount: index % 3,
  };
  if (index % 10 === 1) {
    return {
      actor: pick(USERS, index),
      action: "case.create",
      targetKind: "case",
      targetId: caseId,
      after: state,
      at,
    };
  }
  return {
    actor: pick(USERS, index),
    action: "case.update",
    targetKind: "case",
    targetId: caseId,
    before: state,
    after: { ...state, status: pick(STATUSES, index + 1), agentId: `agent-${(index + 1) % 400}` },
    at,
  };
}

/** The store's size on disk: the database file plus any write-ahead log left beside it. */
function storeBytes(file: string): number {
  let bytes = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    if (fs.existsSync(file + suffix)) bytes += fs.statSync(file + suffix).size;
  }
  return bytes;
}

async function run(): Promise<BenchmarkOutcome> {
  const size = Math.round(readPositiveNumber("BENCH_AUDIT_ENTRIES", FULL_ENTRIES));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-bench-audit-"));
  try {
    // An empty environment: always a fresh SQLite store, whatever DATABASE_URL says.
    const config = loadConfig({ dataDir: path.join(workDir, "data") }, {});
    if (config.store.dialect !== "sqlite") throw new Error("the audit benchmark needs SQLite");
    const store = openStore(config);
    await migrateToLatest(store.db);

    const setupStartedAt = performance.now();
    for (let start = 0; start < size; start += APPEND_BATCH) {
      const count = Math.min(APPEND_BATCH, size - start);
      await appendAuditBatch(
        store.db,
        Array.from({ length: count }, (_, offset) => auditInput(start + offset)),
      );
    }
    const setupSeconds = (performance.now() - setupStartedAt) / 1000;

    let pages = 0;
    const startedAt = performance.now();
    const cpuAtStart = process.cpuUsage();
    const result = await verifyAudit(store.db, () => {
      pages += 1;
    });
    const cpu = process.cpuUsage(cpuAtStart);
    const seconds = (performance.now() - startedAt) / 1000;
    const dbBytes = storeBytes(config.store.file);
    await store.close();

    if (!result.valid || result.entries !== size) {
      throw new Error(`verification did not pass over ${size} entries: ${JSON.stringify(result)}`);
    }
    const entriesPerSecond = result.entries / seconds;
    return {
      target: {
        description: "audit-chain verification over 1,000,000 entries in SQLite",
        value: TARGET_ENTRIES_PER_SECOND,
        unit: "entries/s",
      },
      measured: {
        entries: result.entries,
        seconds: round(seconds, 3),
        entriesPerSecond: Math.round(entriesPerSecond),
        cpuSeconds: round((cpu.user + cpu.system) / 1e6, 3),
        pages,
        setupSeconds: round(setupSeconds, 1),
        setupEntriesPerSecond: Math.round(size / setupSeconds),
        peakRssMB: peakRssMB(),
        dbMB: round(dbBytes / MIB, 1),
      },
      meetsTarget: entriesPerSecond >= TARGET_ENTRIES_PER_SECOND,
      parameters: {
        entries: size,
        fullSize: size === FULL_ENTRIES,
        appendBatch: APPEND_BATCH,
        verifyPageSize: AUDIT_VERIFY_PAGE_SIZE,
      },
      notes: [
        "seconds times verifyAudit alone: keyset pages by seq, each entry's prev_hash link, hash " +
          "and payload hash recomputed (every entry has a payload), and the end compared with " +
          "audit_head",
        "setup appended the entries through appendAuditBatch, one transaction per appendBatch " +
          "entries: 99% case writes (a tenth creations, the rest updates with before and after " +
          "images), 1% imports",
        "cpuSeconds is the process's CPU time during verifyAudit (user + system, every thread, " +
          "the garbage collector's included); the machine's load average is in machine",
        "peakRssMB is the benchmark process's peak RSS, setup included",
      ],
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export const auditVerifyBenchmark: Benchmark = { name: "audit-verify", run };
