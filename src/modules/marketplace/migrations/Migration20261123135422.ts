import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123135422 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mkt_listing_target_due_at_priority";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_priority_due_at" ON "mkt_listing_target" ("priority", "due_at") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mkt_listing_target_priority_due_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_listing_target_due_at_priority" ON "mkt_listing_target" ("due_at", "priority") WHERE due_at IS NOT NULL AND deleted_at IS NULL;`);
  }

}
