import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123142203 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel" add column if not exists "last_force_reconciled_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel" drop column if exists "last_force_reconciled_at";`);
  }

}
