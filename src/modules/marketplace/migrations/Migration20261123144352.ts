import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123144352 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_reconciliation_row" add column if not exists "last_pushed_quantity" integer null, add column if not exists "drift" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_reconciliation_row" drop column if exists "last_pushed_quantity", drop column if exists "drift";`);
  }

}
