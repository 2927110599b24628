import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123141509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mkt_reconciliation" ("id" text not null, "channel_id" text not null, "channel_location_ids" jsonb null, "status" text check ("status" in ('pending', 'running', 'success', 'failed')) not null default 'pending', "trigger" text not null default 'manual', "total" integer null, "processed" integer not null default 0, "counts" jsonb null, "error_message" text null, "created_by" text null, "started_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_reconciliation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_reconciliation_deleted_at" ON "mkt_reconciliation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_reconciliation_channel_id_created_at" ON "mkt_reconciliation" ("channel_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mkt_reconciliation_row" ("id" text not null, "reconciliation_id" text not null, "listing_id" text not null, "channel_location_id" text null, "location_code" text null, "location_external_id" text null, "variant_id" text null, "variant_sku" text null, "product_title" text null, "channel_sku" text not null, "channel_product_id" text null, "gtin" text null, "stocked" integer null, "reserved" integer null, "sellable" integer null, "channel_quantity" integer null, "delta" integer null, "status" text check ("status" in ('match', 'mismatch', 'missing', 'not_matched', 'disabled', 'error')) not null, "error_message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_reconciliation_row_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_reconciliation_row_deleted_at" ON "mkt_reconciliation_row" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_reconciliation_row_reconciliation_id_status" ON "mkt_reconciliation_row" ("reconciliation_id", "status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_reconciliation" cascade;`);

    this.addSql(`drop table if exists "mkt_reconciliation_row" cascade;`);
  }

}
