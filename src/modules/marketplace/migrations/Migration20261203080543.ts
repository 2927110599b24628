import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203080543 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel_order" drop constraint if exists "mkt_channel_order_status_check";`);

    this.addSql(`alter table if exists "mkt_channel_order" add constraint "mkt_channel_order_status_check" check("status" in ('received', 'importing', 'staged', 'imported', 'cancelled', 'failed'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel_order" drop constraint if exists "mkt_channel_order_status_check";`);

    this.addSql(`alter table if exists "mkt_channel_order" add constraint "mkt_channel_order_status_check" check("status" in ('importing', 'staged', 'imported', 'cancelled', 'failed'));`);
  }

}
