import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123120005 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel" add column if not exists "failure_alerted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_channel" drop column if exists "failure_alerted_at";`);
  }

}
