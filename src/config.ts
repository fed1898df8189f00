import path from "node:path";

/**
 * The only reader of `process.env`. Parsed once, typed, frozen; a bad value fails at boot with
 * a message naming the variable. Tests build their own `Config` with `buildConfig({...})`.
 */
export interface Config {
  /** `sqlite` uses `dataDir/throughline.sqlite`; `postgres` uses `databaseUrl`. */
  readonly store:
    | { readonly dialect: "sqlite"; readonly file: string }
    | { readonly dialect: "postgres"; readonly url: string };
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Seed the demo workspace when the store is empty at `serve`. */
  readonly seedDemo: boolean;
  readonly demo: { readonly days: number; readonly seed: number; readonly scale: number };
  /** Directory holding the built web app (`index.html`); absent means API only. */
  readonly webDir: string;
  /** Mark the session cookie `Secure` (set when served over HTTPS, e.g. behind a proxy). */
  readonly secureCookies: boolean;
  /** Requests a minute per API token (or per address without one), and login attempts per address. */
  readonly rateLimit: { readonly perMinute: number; readonly loginPerMinute: number };
  /** How often the scheduler runs retention, in milliseconds. */
  readonly retentionIntervalMs: number;
  /** How often the SLA timer looks for at-risk and breached clocks to fire, in milliseconds. */
  readonly slaTimerIntervalMs: number;
  /** How often the assignment job pushes waiting cases to agents (push-mode teams), in ms. */
  readonly assignmentIntervalMs: number;
  /** How often the alerts job evaluates the alert rules over the hours completed since its last run, in ms. */
  readonly alertIntervalMs: number;
  /** The longest period a metrics query may span, in days (scorecards, series, drill-downs). */
  readonly metricsMaxPeriodDays: number;
  /** SMTP server that digests are mailed through (`smtp://` or `smtps://`, credentials in the URL); null: no email. */
  readonly smtpUrl: string | null;
  /** The From address of the mail Throughline sends. */
  readonly smtpFrom: string;
}

export class ConfigError extends Error {}

type Environment = Readonly<Record<string, string | undefined>>;

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

/** A variable's value, with an empty string treated as unset (as shells leave `VAR=`). */
function readText(env: Environment, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw;
}

function readNumber(
  env: Environment,
  name: string,
  fallback: number,
  limits: { min: number; integer?: boolean },
): number {
  const raw = readText(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (
    !Number.isFinite(value) ||
    value < limits.min ||
    (limits.integer && !Number.isInteger(value))
  ) {
    const kind = limits.integer ? "a whole number" : "a number";
    throw new ConfigError(`${name} must be ${kind} ≥ ${limits.min}, got "${raw}"`);
  }
  return value;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = readText(env, name);
  if (raw === undefined) return fallback;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export interface ConfigOverrides {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
  logLevel?: string;
  seedDemo?: boolean;
}

/** Builds the configuration from an environment (default `process.env`) and CLI overrides. */
export function loadConfig(
  overrides: ConfigOverrides = {},
  env: Environment = process.env,
): Config {
  const dataDir = path.resolve(
    overrides.dataDir ?? readText(env, "THROUGHLINE_DATA_DIR") ?? "data",
  );
  const databaseUrl = overrides.databaseUrl ?? readText(env, "DATABASE_URL");
  let store: Config["store"];
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new ConfigError("DATABASE_URL must be a postgres:// URL");
    }
    store = { dialect: "postgres", url: databaseUrl };
  } else {
    store = { dialect: "sqlite", file: path.join(dataDir, "throughline.sqlite") };
  }
  const port = overrides.port ?? readNumber(env, "PORT", 3000, { min: 0, integer: true });
  if (!Number.isInteger(port) || port > 65535) throw new ConfigError("PORT must be 0–65535");
  const logLevel = overrides.logLevel ?? readText(env, "LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  }
  return Object.freeze({
    store: Object.freeze(store),
    dataDir,
    host: overrides.host ?? readText(env, "HOST") ?? "127.0.0.1",
    port,
    logLevel,
    bodyLimitBytes: readNumber(env, "THROUGHLINE_BODY_LIMIT_BYTES", 1_048_576, {
      min: 1024,
      integer: true,
    }),
    seedDemo: overrides.seedDemo ?? readBoolean(env, "THROUGHLINE_SEED_DEMO", true),
    demo: Object.freeze({
      days: readNumber(env, "THROUGHLINE_DEMO_DAYS", 90, { min: 1, integer: true }),
      seed: readNumber(env, "THROUGHLINE_DEMO_SEED", 42, { min: 0, integer: true }),
      scale: readNumber(env, "THROUGHLINE_DEMO_SCALE", 1, { min: 0.01 }),
    }),
    webDir: readText(env, "THROUGHLINE_WEB_DIR") ?? path.join(PROJECT_ROOT, "web", "dist"),
    secureCookies: readBoolean(env, "THROUGHLINE_SECURE_COOKIES", false),
    rateLimit: Object.freeze({
      perMinute: readNumber(env, "THROUGHLINE_RATE_LIMIT_PER_MINUTE", 6_000, {
        min: 1,
        integer: true,
      }),
      loginPerMinute: readNumber(env, "THROUGHLINE_LOGIN_RATE_LIMIT_PER_MINUTE", 10, {
        min: 1,
        integer: true,
      }),
    }),
    retentionIntervalMs:
      readNumber(env, "THROUGHLINE_RETENTION_INTERVAL_MINUTES", 24 * 60, {
        min: 1,
        integer: true,
      }) * 60_000,
    slaTimerIntervalMs: readNumber(env, "THROUGHLINE_SLA_TIMER_INTERVAL_MS", 15_000, {
      min: 10,
      integer: true,
    }),
    assignmentIntervalMs: readNumber(env, "THROUGHLINE_ASSIGNMENT_INTERVAL_MS", 10_000, {
      min: 10,
      integer: true,
    }),
    alertIntervalMs: readNumber(env, "THROUGHLINE_ALERT_INTERVAL_MS", 60_000, {
      min: 10,
      integer: true,
    }),
    metricsMaxPeriodDays: readNumber(env, "THROUGHLINE_METRICS_MAX_PERIOD_DAYS", 400, {
      min: 1,
      integer: true,
    }),
    smtpUrl: readSmtpUrl(env),
    smtpFrom: readText(env, "THROUGHLINE_SMTP_FROM") ?? DEFAULT_SMTP_FROM,
  });
}

const DEFAULT_SMTP_FROM = "Throughline <throughline@localhost>";

function readSmtpUrl(env: Environment): string | null {
  const raw = readText(env, "THROUGHLINE_SMTP_URL");
  if (raw === undefined) return null;
  if (!/^smtps?:\/\/[^/]/.test(raw)) {
    // Not echoed: the URL may carry the SMTP password.
    throw new ConfigError("THROUGHLINE_SMTP_URL must be an smtp:// or smtps:// URL");
  }
  return raw;
}

/** A configuration for tests: in-memory SQLite unless a store is given. */
export function buildTestConfig(partial: Partial<Config> = {}): Config {
  return Object.freeze({
    store: { dialect: "sqlite", file: ":memory:" } as const,
    dataDir: ":memory:",
    host: "127.0.0.1",
    port: 0,
    logLevel: "silent",
    bodyLimitBytes: 1_048_576,
    seedDemo: false,
    demo: { days: 7, seed: 1, scale: 0.1 },
    webDir: path.join(PROJECT_ROOT, "web", "dist"),
    secureCookies: false,
    rateLimit: { perMinute: 100_000, loginPerMinute: 1_000 },
    retentionIntervalMs: 24 * 60 * 60_000,
    slaTimerIntervalMs: 15_000,
    assignmentIntervalMs: 10_000,
    alertIntervalMs: 60_000,
    metricsMaxPeriodDays: 400,
    smtpUrl: null,
    smtpFrom: DEFAULT_SMTP_FROM,
    ...partial,
  });
}
