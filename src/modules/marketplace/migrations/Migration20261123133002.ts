import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123133002 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mkt_export" ("id" text not null, "kind" text check ("kind" in ('sync_log')) not null, "status" text check ("status" in ('pending', 'success', 'failed')) not null default 'pending', "filter" jsonb not null, "filename" text not null, "row_count" integer null, "file_key" text null, "file_size" integer null, "created_by" text null, "error_message" text null, "started_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_export_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_export_deleted_at" ON "mkt_export" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_export_created_at" ON "mkt_export" ("created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_export" cascade;`);
  }

}
