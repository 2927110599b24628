import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Channel request budgets shared by every instance (utils/rate-limits.ts), in the layout
 * rate-limiter-flexible's PostgreSQL store reads and writes. Not a model: no ORM code touches it.
 */
export class Migration20261123140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "mkt_rate_limit" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, constraint "mkt_rate_limit_pkey" primary key ("key"));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_rate_limit" cascade;`)
  }
}
