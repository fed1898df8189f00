import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { AppError } from "../../errors.js";
import { listAuditEntries } from "../audit/audit.repository.js";
import { CASE_RULES_SETTINGS } from "../cases/case-rules.js";
import { loadSettings, readSettingsVersions, saveSettings } from "./settings.service.js";

const actor = SYSTEM_ACTORS.cli;
const at = (iso: string) => ({ now: new Date(iso) });

describe.each(STORE_KINDS)("settings documents on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(() => store.dispose());

  it("answers the defaults as version 0 before any save", async () => {
    expect(await loadSettings(store.db, CASE_RULES_SETTINGS)).toEqual({
      kind: "case-rules",
      version: 0,
      body: { reopenWindowDays: 14, recontactWindowDays: 7 },
      createdAt: 0,
      createdBy: "",
    });
    expect(await readSettingsVersions(store.db, actor, CASE_RULES_SETTINGS)).toEqual([]);
  });

  it("numbers saves 1, 2, … and keeps every version, each audited with before and after", async () => {
    const first = await saveSettings(
      store.db,
      actor,
      CASE_RULES_SETTINGS,
      { reopenWindowDays: 10, recontactWindowDays: 5 },
      at("2026-03-01T09:00:00Z"),
    );
    const second = await saveSettings(
      store.db,
      actor,
      CASE_RULES_SETTINGS,
      { reopenWindowDays: 21, recontactWindowDays: 5 },
      { ...at("2026-03-02T09:00:00Z"), baseVersion: 1 },
    );
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({
      createdAt: Date.parse("2026-03-02T09:00:00Z"),
      createdBy: "system:cli",
    });
    expect((await loadSettings(store.db, CASE_RULES_SETTINGS)).body.reopenWindowDays).toBe(21);
    const versions = await readSettingsVersions(store.db, actor, CASE_RULES_SETTINGS);
    expect(versions.map((saved) => [saved.version, saved.body.reopenWindowDays])).toEqual([
      [2, 21],
      [1, 10],
    ]);
    const audit = await listAuditEntries(store.db, { action: "settings.update", limit: 10 });
    expect(audit.map((entry) => [entry.targetId, entry.before, entry.after])).toEqual([
      [
        "case-rules",
        { reopenWindowDays: 10, recontactWindowDays: 5 },
        { reopenWindowDays: 21, recontactWindowDays: 5 },
      ],
      ["case-rules", null, { reopenWindowDays: 10, recontactWindowDays: 5 }],
    ]);
  });

  it("refuses a save built on an older version with 409, writing nothing", async () => {
    const before = await loadSettings(store.db, CASE_RULES_SETTINGS);
    const stale = saveSettings(
      store.db,
      actor,
      CASE_RULES_SETTINGS,
      { reopenWindowDays: 3, recontactWindowDays: 3 },
      { ...at("2026-03-03T09:00:00Z"), baseVersion: before.version - 1 },
    );
    await expect(stale).rejects.toMatchObject({
      code: "settings.version_conflict",
      status: 409,
      field: "body.baseVersion",
      message: `the case-rules settings are at version ${before.version} now; load them again and save`,
    });
    expect(await loadSettings(store.db, CASE_RULES_SETTINGS)).toEqual(before);
  });

  it("names the failing field as body.document.<field>, writing nothing", async () => {
    const before = await loadSettings(store.db, CASE_RULES_SETTINGS);
    const auditBefore = await listAuditEntries(store.db, { limit: 1 });
    const invalid = saveSettings(
      store.db,
      actor,
      CASE_RULES_SETTINGS,
      { reopenWindowDays: 14, recontactWindowDays: 0 },
      at("2026-03-04T09:00:00Z"),
    );
    await expect(invalid).rejects.toBeInstanceOf(AppError);
    await expect(invalid).rejects.toMatchObject({
      code: "request.invalid",
      field: "body.document.recontactWindowDays",
    });
    expect(await loadSettings(store.db, CASE_RULES_SETTINGS)).toEqual(before);
    expect(await listAuditEntries(store.db, { limit: 1 })).toEqual(auditBefore);
  });
});
