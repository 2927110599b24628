import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203081710 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel_order" add column if not exists "pending" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel_order" drop column if exists "pending";`);
  }

}
