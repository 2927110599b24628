import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202181955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_webhook_event" drop constraint if exists "mkt_webhook_event_channel_id_event_id_unique";`);
    this.addSql(`alter table if exists "mkt_channel_order" drop constraint if exists "mkt_channel_order_channel_id_external_id_unique";`);
    this.addSql(`create table if not exists "mkt_channel_order" ("id" text not null, "channel_id" text not null, "external_id" text not null, "status" text check ("status" in ('importing', 'staged', 'imported', 'cancelled', 'failed')) not null default 'importing', "channel_status" text not null default 'open', "lines" jsonb not null, "currency_code" text null, "email" text null, "placed_at" timestamptz not null, "order_id" text null, "held_reservations" jsonb null, "error_message" text null, "attempts" integer not null default 0, "source" text not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_channel_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_order_deleted_at" ON "mkt_channel_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_channel_order_channel_id_external_id_unique" ON "mkt_channel_order" ("channel_id", "external_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_order_status" ON "mkt_channel_order" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_order_order_id" ON "mkt_channel_order" ("order_id") WHERE deleted_at IS NULL AND order_id IS NOT NULL;`);

    this.addSql(`create table if not exists "mkt_webhook_event" ("id" text not null, "channel_id" text not null, "event_id" text not null, "type" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_webhook_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_webhook_event_deleted_at" ON "mkt_webhook_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_webhook_event_channel_id_event_id_unique" ON "mkt_webhook_event" ("channel_id", "event_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mkt_channel" add column if not exists "order_import_enabled" boolean not null default false, add column if not exists "sku_separators" text null;`);

    this.addSql(`alter table if exists "mkt_listing" add column if not exists "channel_status" text null, add column if not exists "match_suggestion" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_channel_order" cascade;`);

    this.addSql(`drop table if exists "mkt_webhook_event" cascade;`);

    this.addSql(`alter table if exists "mkt_channel" drop column if exists "order_import_enabled", drop column if exists "sku_separators";`);

    this.addSql(`alter table if exists "mkt_listing" drop column if exists "channel_status", drop column if exists "match_suggestion";`);
  }

}
