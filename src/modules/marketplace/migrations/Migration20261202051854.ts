import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202051854 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mkt_sync_cursor" ("id" text not null, "position" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_sync_cursor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_sync_cursor_deleted_at" ON "mkt_sync_cursor" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mkt_listing_target" add column if not exists "marked_at" timestamptz null, add column if not exists "forced" boolean not null default false, add column if not exists "claimed_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_channel_id_priority_due_at" ON "mkt_listing_target" ("channel_id", "priority", "due_at") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_next_attempt_at" ON "mkt_listing_target" ("next_attempt_at") WHERE due_at IS NOT NULL AND next_attempt_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_claim_expires_at" ON "mkt_listing_target" ("claim_expires_at") WHERE claim_token IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_sync_cursor" cascade;`);

    this.addSql(`drop index if exists "IDX_mkt_listing_target_channel_id_priority_due_at";`);
    this.addSql(`drop index if exists "IDX_mkt_listing_target_next_attempt_at";`);
    this.addSql(`drop index if exists "IDX_mkt_listing_target_claim_expires_at";`);
    this.addSql(`alter table if exists "mkt_listing_target" drop column if exists "marked_at", drop column if exists "forced", drop column if exists "claimed_at";`);
  }

}
