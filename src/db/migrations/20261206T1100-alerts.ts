import type { Kysely } from "kysely";

// Saved scorecards (metrics with targets, shown red/amber/green) and alerts: the current state of
// every alert the `alert.raised` / `alert.resolved` events describe. Times are epoch
// milliseconds in BIGINT columns; metric values are double precision.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("scorecards")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text")
    /** JSON: {by?, filter, metrics: [{metric, target, direction, amberWithin}]} */
    .addColumn("definition", "text", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("scorecards_name_idx").on("scorecards").column("name").execute();

  await db.schema
    .createTable("alerts")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("rule_id", "text", (col) => col.notNull())
    .addColumn("metric", "text", (col) => col.notNull())
    .addColumn("dim", "text", (col) => col.notNull())
    .addColumn("slice_key", "text", (col) => col.notNull())
    .addColumn("bucket", "text", (col) => col.notNull())
    .addColumn("bucket_start", "bigint", (col) => col.notNull())
    .addColumn("direction", "text", (col) => col.notNull())
    .addColumn("severity", "text", (col) => col.notNull())
    .addColumn("value", "double precision", (col) => col.notNull())
    .addColumn("expected", "double precision")
    .addColumn("lower", "double precision")
    .addColumn("upper", "double precision")
    .addColumn("link", "text", (col) => col.notNull())
    .addColumn("raised_at", "bigint", (col) => col.notNull())
    /** open | resolved */
    .addColumn("state", "text", (col) => col.notNull())
    /** `<rule> <dim> <key>` while open, null once resolved: unique, so a slice has one open alert. */
    .addColumn("open_slot", "text")
    .addColumn("resolved_at", "bigint")
    .addColumn("resolve_reason", "text")
    .addColumn("resolved_value", "double precision")
    .addColumn("acknowledged_at", "bigint")
    .addColumn("acknowledged_by", "text")
    .execute();
  await db.schema
    .createIndex("alerts_open_slot_idx")
    .on("alerts")
    .column("open_slot")
    .unique()
    .execute();
  await db.schema
    .createIndex("alerts_raised_idx")
    .on("alerts")
    .columns(["raised_at", "id"])
    .execute();
  await db.schema
    .createIndex("alerts_state_raised_idx")
    .on("alerts")
    .columns(["state", "raised_at", "id"])
    .execute();
  await db.schema
    .createIndex("alerts_rule_slice_idx")
    .on("alerts")
    .columns(["rule_id", "dim", "slice_key", "raised_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("alerts").ifExists().execute();
  await db.schema.dropTable("scorecards").ifExists().execute();
}
