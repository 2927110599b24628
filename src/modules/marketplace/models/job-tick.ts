import { model } from "@medusajs/framework/utils"

/**
 * One scheduled tick of one of the plugin's jobs. The first instance to run a tick records it;
 * any other execution of the same tick is counted here and skipped, so a job runs once per tick
 * across instances even where the workflow engine would not ensure it (in-memory engines).
 */
export const JobTick = model
  .define("mkt_job_tick", {
    /** `<job>@<tick ISO time>`. */
    id: model.text().primaryKey(),
    job: model.text(),
    tick: model.dateTime(),
    /** The instance that ran it (host:pid). */
    instance: model.text(),
    /** Executions of this tick seen across instances; more than 1 means a duplicate was skipped. */
    executions: model.number().default(1),
  })
  .indexes([{ on: ["job", "tick"] }])
