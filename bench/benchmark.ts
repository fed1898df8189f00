import os from "node:os";
import path from "node:path";

/**
 * What every benchmark file exports, and the shape of the JSON each one leaves in
 * bench/results/<name>.json (PRODUCT.md, "Quality bars" → Benchmarks).
 */

export interface Target {
  description: string;
  value: number;
  unit: string;
}

/** What a benchmark's run returns; the runner adds the name, the machine and the time. */
export interface BenchmarkOutcome {
  target: Target;
  /** Every figure here comes from the run itself. */
  measured: Record<string, number>;
  meetsTarget: boolean;
  /** The sizes the run used, so a reduced quick run cannot pass for a full-size one. */
  parameters: Record<string, number | string | boolean>;
  notes: string[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkOutcome>;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemoryMB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15-minute load averages when the benchmark started: other work skews the figures. */
  loadAverageAtStart: number[];
}

export interface BenchmarkResult {
  name: string;
  target: Target;
  measured: Record<string, number>;
  meetsTarget: boolean;
  parameters: Record<string, number | string | boolean>;
  notes: string[];
  machine: Machine;
  at: string;
}

/** The repository root; compiled benchmarks live in dist-bench/bench/. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

export function describeMachine(loadAverageAtStart: number[]): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadAverageAtStart.map((load) => round(load, 2)),
  };
}

/** A positive number from the environment (for quick, reduced runs), else `fallback`. */
export function readPositiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

/** Rounds a figure for the JSON result: `round(1234.5678, 2)` → 1234.57. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Peak resident set size of this process so far, in MiB (`maxRSS` is in KiB). */
export function peakRssMB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
