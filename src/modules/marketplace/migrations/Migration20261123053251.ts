import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123053251 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_listing" drop constraint if exists "mkt_listing_channel_id_channel_sku_unique";`);
    this.addSql(`alter table if exists "mkt_channel_location" drop constraint if exists "mkt_channel_location_channel_id_external_id_unique";`);
    this.addSql(`alter table if exists "mkt_channel" drop constraint if exists "mkt_channel_code_unique";`);
    this.addSql(`create table if not exists "mkt_channel" ("id" text not null, "name" text not null, "code" text not null, "provider_id" text not null, "credentials_encrypted" text null, "rules" jsonb null, "sync_enabled" boolean not null default true, "disabled_reason" text null, "sales_channel_id" text null, "force_reconcile_cooldown_minutes" integer not null default 15, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_channel_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_deleted_at" ON "mkt_channel" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_channel_code_unique" ON "mkt_channel" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_provider_id" ON "mkt_channel" ("provider_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mkt_channel_location" ("id" text not null, "external_id" text not null, "code" text not null, "name" text null, "stock_location_ids" text[] not null, "channel_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_channel_location_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_location_channel_id" ON "mkt_channel_location" ("channel_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_channel_location_deleted_at" ON "mkt_channel_location" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_channel_location_channel_id_external_id_unique" ON "mkt_channel_location" ("channel_id", "external_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mkt_listing" ("id" text not null, "channel_sku" text not null, "channel_product_id" text null, "gtin" text null, "title" text null, "variant_id" text null, "pack_size" integer not null default 1, "rules" jsonb null, "sync_enabled" boolean not null default true, "disabled_reason" text check ("disabled_reason" in ('manual', 'sku_mismatch', 'channel_inactive', 'channel_banned', 'promo_locked')) null, "disabled_note" text null, "desired_quantity" integer null, "last_pushed_quantity" integer null, "last_pushed_at" timestamptz null, "last_channel_quantity" integer null, "last_channel_quantity_at" timestamptz null, "due_at" timestamptz null, "metadata" jsonb null, "channel_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_listing_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_channel_id" ON "mkt_listing" ("channel_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_deleted_at" ON "mkt_listing" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_listing_channel_id_channel_sku_unique" ON "mkt_listing" ("channel_id", "channel_sku") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_variant_id" ON "mkt_listing" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_due_at" ON "mkt_listing" ("due_at") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mkt_provider" ("id" text not null, "identifier" text not null, "display_name" text not null, "capabilities" jsonb not null, "credential_fields" jsonb not null, "is_enabled" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_provider_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_provider_deleted_at" ON "mkt_provider" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mkt_sync_record" ("id" text not null, "channel_id" text not null, "listing_id" text not null, "channel_location_id" text null, "channel_sku" text not null, "variant_sku" text null, "quantity" integer not null, "breakdown" jsonb not null, "trigger_event" text not null, "trigger_id" text null, "status" text check ("status" in ('in_process', 'submitted', 'success', 'error')) not null default 'in_process', "attempts" integer not null default 0, "error_code" text null, "error_message" text null, "submission_id" text null, "submitted_at" timestamptz null, "completed_at" timestamptz null, "archived" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_sync_record_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_sync_record_deleted_at" ON "mkt_sync_record" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_sync_record_channel_id_status" ON "mkt_sync_record" ("channel_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_sync_record_listing_id" ON "mkt_sync_record" ("listing_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_sync_record_archived_created_at" ON "mkt_sync_record" ("archived", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mkt_channel_location" add constraint "mkt_channel_location_channel_id_foreign" foreign key ("channel_id") references "mkt_channel" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "mkt_listing" add constraint "mkt_listing_channel_id_foreign" foreign key ("channel_id") references "mkt_channel" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel_location" drop constraint if exists "mkt_channel_location_channel_id_foreign";`);

    this.addSql(`alter table if exists "mkt_listing" drop constraint if exists "mkt_listing_channel_id_foreign";`);

    this.addSql(`drop table if exists "mkt_channel" cascade;`);

    this.addSql(`drop table if exists "mkt_channel_location" cascade;`);

    this.addSql(`drop table if exists "mkt_listing" cascade;`);

    this.addSql(`drop table if exists "mkt_provider" cascade;`);

    this.addSql(`drop table if exists "mkt_sync_record" cascade;`);
  }

}
