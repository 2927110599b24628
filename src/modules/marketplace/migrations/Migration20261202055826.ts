import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202055826 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mkt_job_tick" ("id" text not null, "job" text not null, "tick" timestamptz not null, "instance" text not null, "executions" integer not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mkt_job_tick_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_job_tick_deleted_at" ON "mkt_job_tick" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mkt_job_tick_job_tick" ON "mkt_job_tick" ("job", "tick") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mkt_job_tick" cascade;`);
  }

}
