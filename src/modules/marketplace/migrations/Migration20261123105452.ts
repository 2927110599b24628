import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123105452 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_listing_target" drop constraint if exists "mkt_listing_target_listing_id_target_key_unique";`);
    this.addSql(`create table if not exists "mkt_listing_target" ("id" text not null, "channel_id" text not null, "channel_location_id" text null, "target_key" text not null, "location_code" text null, "location_external_id" text null, "variant_sku" text null, "desired_quantity" integer null, "breakdown" jsonb null, "computed_at" timestamptz null, "last_pushed_quantity" integer null, "last_pushed_at" timestamptz null, "last_channel_quantity" integer null, "last_channel_quantity_at" timestamptz null, "due_at" timestamptz null, "priority" integer not null default 2, "trigger_event" text null, "trigger_id" text null, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "record_id" text null, "claim_token" text null, "claim_expires_at" timestamptz null, "stock_moved_at" timestamptz null, "listing_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_listing_target_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_listing_id" ON "mkt_listing_target" ("listing_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_deleted_at" ON "mkt_listing_target" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mkt_listing_target_listing_id_target_key_unique" ON "mkt_listing_target" ("listing_id", "target_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_due_at_priority" ON "mkt_listing_target" ("due_at", "priority") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_channel_id" ON "mkt_listing_target" ("channel_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_stock_moved_at" ON "mkt_listing_target" ("stock_moved_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mkt_listing_target" add constraint "mkt_listing_target_listing_id_foreign" foreign key ("listing_id") references "mkt_listing" ("id") on update cascade on delete cascade;`);

    this.addSql(`drop index if exists "IDX_mkt_listing_due_at";`);
    this.addSql(`alter table if exists "mkt_listing" drop column if exists "due_at";`);

    this.addSql(`alter table if exists "mkt_sync_record" add column if not exists "target_id" text null, add column if not exists "location_code" text null, add column if not exists "channel_product_id" text null, add column if not exists "variant_id" text null, add column if not exists "archived_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_listing_target" cascade;`);

    this.addSql(`alter table if exists "mkt_listing" add column if not exists "due_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_due_at" ON "mkt_listing" ("due_at") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mkt_sync_record" drop column if exists "target_id", drop column if exists "location_code", drop column if exists "channel_product_id", drop column if exists "variant_id", drop column if exists "archived_at";`);
  }

}
