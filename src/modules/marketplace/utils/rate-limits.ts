import type { Logger } from "@medusajs/framework/types"
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible"
import type { BudgetReport, RateBudget } from "../../../lib/provider"

/**
 * Where the channels' request budgets live: PostgreSQL (shared by every instance), Redis (shared,
 * for stores that run on Redis anyway; needs `redis_url`), or this process only.
 */
export type RateLimitStore = "postgres" | "redis" | "memory"

/** Created by the module's migrations in the table layout rate-limiter-flexible expects. */
export const RATE_LIMIT_TABLE = "mkt_rate_limit"

/** Kept for providers that declare `rate_limit: { requests, per_ms }`. */
export type ChannelRateLimit = { requests: number; per_ms: number }

/** A declared `rate_limit` as a budget of points (one per call). */
export const budgetOf = (limit: ChannelRateLimit | RateBudget): RateBudget =>
  "points" in limit ? limit : { points: limit.requests, per_ms: limit.per_ms }

type Limiters = { shared: RateLimiterAbstract; local: RateLimiterMemory }

/**
 * One budget per channel and operation. With a shared store every server and worker instance
 * draws from the same budget, so adding workers never exceeds a marketplace's limit, and a
 * throttle one instance hears about (a 429's Retry-After, a cost report) pauses them all. If the
 * store cannot answer, the budget falls back to this process's memory for that call.
 */
export class ChannelRateLimits {
  private readonly limiters = new Map<string, Limiters>()
  private warned = false
  private redis: unknown = null

  constructor(
    private readonly store: RateLimitStore,
    /** The module's knex instance (MikroORM's), read when the first shared limiter is made. */
    private readonly knex: () => unknown | Promise<unknown>,
    private readonly logger?: Pick<Logger, "warn">,
    private readonly redisUrl?: string
  ) {}

  /** Waits until the budget allows a call of `cost` points, and takes them. */
  async take(key: string, limit: ChannelRateLimit | RateBudget, cost = 1): Promise<void> {
    for (;;) {
      const { allowed, retry_in_ms } = await this.tryTake(key, limit, cost)
      if (allowed) {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, retry_in_ms)))
    }
  }

  /** Takes `cost` points if the budget has them; otherwise says when it reopens. */
  async tryTake(key: string, limit: ChannelRateLimit | RateBudget, cost = 1): Promise<{ allowed: boolean; retry_in_ms: number }> {
    const budget = budgetOf(limit)
    const points = Math.max(1, Math.min(cost, budget.points))
    const { shared, local } = await this.limiterFor(key, budget)
    try {
      return await consume(shared, key, points)
    } catch (error) {
      // The insurance limiter covers a failing query; this covers a store that cannot even
      // start one (no table yet, say). Pushing goes on within this process's own budget.
      this.warnOnce(error)
      return consume(local, key, points)
    }
  }

  /**
   * Adopts what the channel said about its budget: a wait pauses the budget for every instance
   * until it is over; points left below what we counted lower our count to match.
   */
  async report(key: string, limit: ChannelRateLimit | RateBudget, report: BudgetReport): Promise<void> {
    const budget = budgetOf(limit)
    // The shared store only: the memory insurance limiter stands in when that store fails.
    const { shared } = await this.limiterFor(key, budget)
    for (const limiter of [shared]) {
      try {
        if (report.wait_ms && report.wait_ms > 0) {
          await limiter.block(key, Math.max(1, Math.ceil(report.wait_ms / 1_000)))
        } else if (report.remaining !== undefined) {
          const used = Math.max(0, budget.points - Math.max(0, report.remaining))
          const current = await limiter.get(key)
          if (!current || current.consumedPoints < used) {
            await limiter.set(key, used, Math.max(1, Math.ceil(budget.per_ms / 1_000)))
          }
        }
      } catch (error) {
        this.warnOnce(error)
      }
    }
  }

  /** Closes the Redis connection, if one was opened. */
  async close(): Promise<void> {
    const redis = this.redis as { quit?: () => Promise<unknown> } | null
    this.redis = null
    await redis?.quit?.().catch(() => undefined)
  }

  private warnOnce(error: unknown) {
    if (!this.warned) {
      this.warned = true
      this.logger?.warn(`marketplace: shared rate limit store unavailable, limiting per process: ${(error as Error).message}`)
    }
  }

  private async limiterFor(key: string, budget: RateBudget): Promise<Limiters> {
    const { points } = budget
    const duration = Math.max(1, Math.ceil(budget.per_ms / 1_000))
    // The budget's shape is part of its key: instances running different provider versions
    // (a rolling deploy that changes a limit) never mix counts of different windows.
    const keyPrefix = `channel:${points}/${duration}s`
    const cacheKey = `${key}|${keyPrefix}`
    let limiter = this.limiters.get(cacheKey)
    if (!limiter) {
      const local = new RateLimiterMemory({ points, duration, keyPrefix })
      limiter = { shared: await this.sharedLimiter({ points, duration, keyPrefix, insuranceLimiter: local }), local }
      this.limiters.set(cacheKey, limiter)
    }
    return limiter
  }

  private async sharedLimiter(opts: { points: number; duration: number; keyPrefix: string; insuranceLimiter: RateLimiterMemory }): Promise<RateLimiterAbstract> {
    switch (this.store) {
      case "memory":
        return opts.insuranceLimiter
      case "redis":
        return new RateLimiterRedis({ storeClient: this.redisClient(), ...opts })
      case "postgres":
        return new RateLimiterPostgres({
          storeClient: await this.knex(),
          storeType: "knex",
          tableName: RATE_LIMIT_TABLE,
          tableCreated: true,
          clearExpiredByTimeout: false,
          ...opts,
        })
    }
  }

  /** ioredis, which every Medusa store on Redis has (Medusa's Redis modules depend on it). */
  private redisClient(): unknown {
    if (!this.redis) {
      if (!this.redisUrl) {
        throw new Error("marketplace: flush.rate_limit_store is redis but flush.redis_url is not set")
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Redis = require("ioredis") as new (url: string, options: Record<string, unknown>) => unknown
      this.redis = new Redis(this.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    }
    return this.redis
  }
}

/** Consumed points, or the wait until the window reopens (rate-limiter-flexible rejects with it). */
async function consume(limiter: RateLimiterAbstract, key: string, points: number): Promise<{ allowed: boolean; retry_in_ms: number }> {
  try {
    await limiter.consume(key, points)
    return { allowed: true, retry_in_ms: 0 }
  } catch (rejection) {
    if (rejection instanceof Error) {
      throw rejection
    }
    // rate-limiter-flexible counts a refused consume too; a call that did not happen gives its
    // points back, so a refused costly call does not starve the cheaper ones behind it.
    await limiter.reward(key, points).catch(() => undefined)
    return { allowed: false, retry_in_ms: (rejection as { msBeforeNext?: number }).msBeforeNext ?? 100 }
  }
}
