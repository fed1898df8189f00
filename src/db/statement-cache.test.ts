import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./statement-cache.js";

describe("withStatementCache", () => {
  it("prepares each SQL text once and evicts the least recently used", () => {
    const database = new SqliteDatabase(":memory:");
    let prepared = 0;
    const prepare = database.prepare.bind(database);
    database.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof database.prepare;
    const cached = withStatementCache(database, 2);

    const first = cached.prepare("select 1");
    expect(cached.prepare("select 1")).toBe(first);
    cached.prepare("select 2");
    cached.prepare("select 1"); // now the most recently used
    cached.prepare("select 3"); // evicts "select 2"
    expect(prepared).toBe(3);
    cached.prepare("select 1");
    expect(prepared).toBe(3);
    cached.prepare("select 2");
    expect(prepared).toBe(4);
    expect(cached.prepare("select 1").all([])).toEqual([{ 1: 1 }]);
    cached.close();
    expect(database.open).toBe(false);
  });
});
