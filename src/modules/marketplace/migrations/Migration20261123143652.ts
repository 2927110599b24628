import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123143652 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mkt_export" drop constraint if exists "mkt_export_kind_check";`);

    this.addSql(`alter table if exists "mkt_export" add constraint "mkt_export_kind_check" check("kind" in ('sync_log', 'reconciliation'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mkt_export" drop constraint if exists "mkt_export_kind_check";`);

    this.addSql(`alter table if exists "mkt_export" add constraint "mkt_export_kind_check" check("kind" in ('sync_log'));`);
  }

}
