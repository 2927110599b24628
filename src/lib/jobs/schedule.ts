import type { MedusaContainer } from "@medusajs/framework/types"
import { hostname } from "node:os"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"

/**
 * A job's schedule from the environment: a cron expression, or "off" so that the job never runs
 * (the test suite turns off the daily jobs so that a run at 02:00 cannot disturb it).
 */
export function jobSchedule(envName: string, fallback: string): { schedule: string; numberOfExecutions?: number } {
  const value = process.env[envName]?.trim()
  // Medusa drops a job whose execution count has reached numberOfExecutions before running it.
  return value === "off" ? { schedule: fallback, numberOfExecutions: 0 } : { schedule: value || fallback }
}

const INSTANCE = `${hostname()}:${process.pid}`

type JobHandler = (container: MedusaContainer) => Promise<unknown>

/**
 * A scheduled job that runs once per tick across instances. Medusa's Redis workflow engine
 * already runs a tick on one instance; this also holds where it would not (several instances on
 * in-memory engines), and records every tick in mkt_job_tick so that it can be counted. Calls
 * without a scheduled time (tests, scripts calling the job) always run.
 */
export function oncePerTick(name: string, handler: JobHandler) {
  return async (container: MedusaContainer, context?: { scheduledFor?: Date }) => {
    if (context?.scheduledFor) {
      const tick = new Date(Math.floor(new Date(context.scheduledFor).getTime() / 1_000) * 1_000)
      const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
      if (!(await marketplace.takeJobTick(name, tick, INSTANCE))) {
        return
      }
    }
    await handler(container)
  }
}
