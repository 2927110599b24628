import type { Logger } from "@medusajs/framework/types"
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible"

/** Where the channels' request budgets live: PostgreSQL (shared by every instance) or this process. */
export type RateLimitStore = "postgres" | "memory"

/** Created by the module's migrations in the table layout rate-limiter-flexible expects. */
export const RATE_LIMIT_TABLE = "mkt_rate_limit"

export type ChannelRateLimit = { requests: number; per_ms: number }

/**
 * One request budget per channel. With the PostgreSQL store every server and worker instance
 * draws from the same budget, so adding workers never exceeds a marketplace's limit; if the
 * database cannot answer, the budget falls back to this process's memory for that call.
 */
export class ChannelRateLimits {
  private readonly limiters = new Map<string, { shared: RateLimiterAbstract; local: RateLimiterMemory }>()
  private warned = false

  constructor(
    private readonly store: RateLimitStore,
    /** The module's knex instance (MikroORM's), read when the first limiter is made. */
    private readonly knex: () => unknown,
    private readonly logger?: Pick<Logger, "warn">
  ) {}

  /** Waits until the channel's budget allows one more call, and takes it. */
  async take(channelId: string, limit: ChannelRateLimit): Promise<void> {
    for (;;) {
      const { allowed, retry_in_ms } = await this.tryTake(channelId, limit)
      if (allowed) {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, retry_in_ms)))
    }
  }

  /** Takes one call from the budget if it has one; otherwise says when the window reopens. */
  async tryTake(channelId: string, limit: ChannelRateLimit): Promise<{ allowed: boolean; retry_in_ms: number }> {
    const { shared, local } = this.limiterFor(channelId, limit)
    try {
      return await consume(shared, channelId)
    } catch (error) {
      // The insurance limiter covers a failing query; this covers a store that cannot even
      // start one (no table yet, say). Pushing goes on within this process's own budget.
      if (!this.warned) {
        this.warned = true
        this.logger?.warn(`marketplace: shared rate limit store unavailable, limiting per process: ${(error as Error).message}`)
      }
      return consume(local, channelId)
    }
  }

  private limiterFor(channelId: string, limit: ChannelRateLimit) {
    const points = limit.requests
    const duration = Math.max(1, Math.ceil(limit.per_ms / 1_000))
    // The budget's shape is part of its key: instances running different provider versions
    // (a rolling deploy that changes a limit) never mix counts of different windows.
    const keyPrefix = `channel:${points}/${duration}s`
    const cacheKey = `${channelId}|${keyPrefix}`
    let limiter = this.limiters.get(cacheKey)
    if (!limiter) {
      const local = new RateLimiterMemory({ points, duration, keyPrefix })
      const shared =
        this.store === "memory"
          ? local
          : new RateLimiterPostgres({
              storeClient: this.knex(),
              storeType: "knex",
              tableName: RATE_LIMIT_TABLE,
              tableCreated: true,
              clearExpiredByTimeout: false,
              keyPrefix,
              points,
              duration,
              insuranceLimiter: local,
            })
      limiter = { shared, local }
      this.limiters.set(cacheKey, limiter)
    }
    return limiter
  }
}

/** A consumed point, or the wait until the window reopens (rate-limiter-flexible rejects with it). */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<{ allowed: boolean; retry_in_ms: number }> {
  try {
    await limiter.consume(key)
    return { allowed: true, retry_in_ms: 0 }
  } catch (rejection) {
    if (rejection instanceof Error) {
      throw rejection
    }
    return { allowed: false, retry_in_ms: (rejection as { msBeforeNext?: number }).msBeforeNext ?? 100 }
  }
}
