import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to the embedded store under ./data on localhost:3000", () => {
    const config = loadConfig({}, {});
    expect(config.store).toEqual({
      dialect: "sqlite",
      file: path.resolve("data", "throughline.sqlite"),
    });
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      seedDemo: true,
      logLevel: "info",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig(
      {},
      { THROUGHLINE_DATA_DIR: "", DATABASE_URL: "", PORT: " ", HOST: "" },
    );
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(config.store.dialect).toBe("sqlite");
    expect(config.port).toBe(3000);
  });

  it("selects PostgreSQL from DATABASE_URL and lets flags override the environment", () => {
    const config = loadConfig(
      { port: 4000, dataDir: "/srv/tl" },
      { DATABASE_URL: "postgres://u@db:5432/x", PORT: "5000", THROUGHLINE_DATA_DIR: "/elsewhere" },
    );
    expect(config.store).toEqual({ dialect: "postgres", url: "postgres://u@db:5432/x" });
    expect(config).toMatchObject({ port: 4000, dataDir: "/srv/tl" });
  });

  it("fails at boot naming the variable", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ PORT: "eighty" }, /^PORT must be a whole number/],
      [{ PORT: "70000" }, /^PORT must be 0–65535/],
      [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a postgres/],
      [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL must be one of/],
      [{ THROUGHLINE_DEMO_DAYS: "1.5" }, /^THROUGHLINE_DEMO_DAYS must be a whole number/],
      [{ THROUGHLINE_SEED_DEMO: "maybe" }, /^THROUGHLINE_SEED_DEMO must be true or false/],
      [{ THROUGHLINE_BODY_LIMIT_BYTES: "10" }, /^THROUGHLINE_BODY_LIMIT_BYTES must be/],
    ];
    for (const [env, message] of bad) {
      expect(() => loadConfig({}, env)).toThrow(ConfigError);
      expect(() => loadConfig({}, env)).toThrow(message);
    }
  });

  it("reads the SMTP server of digests, refusing other schemes without echoing the URL", () => {
    expect(loadConfig({}, {})).toMatchObject({
      smtpUrl: null,
      smtpFrom: "Throughline <throughline@localhost>",
    });
    expect(
      loadConfig(
        {},
        {
          THROUGHLINE_SMTP_URL: "smtps://mailer:s3cret@mail.example.com:465",
          THROUGHLINE_SMTP_FROM: "Ops <ops@example.com>",
        },
      ),
    ).toMatchObject({
      smtpUrl: "smtps://mailer:s3cret@mail.example.com:465",
      smtpFrom: "Ops <ops@example.com>",
    });
    const refused = () => loadConfig({}, { THROUGHLINE_SMTP_URL: "http://mailer:s3cret@x" });
    expect(refused).toThrow(/^THROUGHLINE_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL$/);
  });
});
