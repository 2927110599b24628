import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204183614 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_listing" drop constraint if exists "mkt_listing_disabled_reason_check";`);

    this.addSql(`alter table if exists "mkt_sync_record" drop constraint if exists "mkt_sync_record_status_check";`);

    this.addSql(`alter table if exists "mkt_channel" add column if not exists "settings" jsonb null;`);

    this.addSql(`alter table if exists "mkt_listing" add constraint "mkt_listing_disabled_reason_check" check("disabled_reason" in ('manual', 'sku_mismatch', 'channel_inactive', 'channel_banned', 'promo_locked', 'channel_fulfilled'));`);

    this.addSql(`alter table if exists "mkt_sync_record" add column if not exists "note" text null;`);
    this.addSql(`alter table if exists "mkt_sync_record" add constraint "mkt_sync_record_status_check" check("status" in ('in_process', 'submitted', 'deferred', 'success', 'error', 'skipped'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_listing" drop constraint if exists "mkt_listing_disabled_reason_check";`);

    this.addSql(`alter table if exists "mkt_sync_record" drop constraint if exists "mkt_sync_record_status_check";`);

    this.addSql(`alter table if exists "mkt_channel" drop column if exists "settings";`);

    this.addSql(`alter table if exists "mkt_listing" add constraint "mkt_listing_disabled_reason_check" check("disabled_reason" in ('manual', 'sku_mismatch', 'channel_inactive', 'channel_banned', 'promo_locked'));`);

    this.addSql(`alter table if exists "mkt_sync_record" drop column if exists "note";`);

    this.addSql(`alter table if exists "mkt_sync_record" add constraint "mkt_sync_record_status_check" check("status" in ('in_process', 'submitted', 'success', 'error'));`);
  }

}
