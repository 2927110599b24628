import type { Logger } from "@medusajs/framework/types"
import {
  type AbstractMarketplaceProvider,
  type ChannelContext,
  ChannelError,
  type ChannelErrorShape,
  type PushItemResult,
  type QuantityUpdate,
} from "../../../lib/provider"
import type MarketplaceModuleService from "../service"
import type { ClaimedTarget, Settlement } from "../service"
import { ChannelRateLimits, type RateLimitStore } from "./rate-limits"
import { isRetryable, MAX_ATTEMPTS, retryDelayMs } from "./retry"

export type FlushOptions = {
  /** Push calls one flusher keeps in flight per channel. */
  batch_concurrency: number
  /** How soon to read an asynchronous channel's verdict after a submission, and between reads. */
  submission_check_ms: number
  /** Flush by itself after marks and retries; off, only flushNow() and the backstop job push. */
  auto: boolean
  /** Wait this long after a mark before flushing, so that a burst becomes one push. */
  coalesce_ms: number
  /** Rows claimed per round. */
  claim_limit: number
  /** How long a claim protects a row from other flushers while its push is on the wire. */
  lease_ms: number
  /** Channel request budgets: shared by all instances through PostgreSQL, or per process. */
  rate_limit_store: RateLimitStore
}

export const DEFAULT_FLUSH_OPTIONS: FlushOptions = { batch_concurrency: 4, submission_check_ms: 1_000, auto: true, coalesce_ms: 50, claim_limit: 500, lease_ms: 120_000, rate_limit_store: "postgres" }

/**
 * Pushes due rows: claims them, groups them per channel into the provider's batch size, honours
 * the channel's rate limit, and settles each item. One flusher per process; several processes
 * may flush at once (claims skip rows another holds). Timers are unref'd: they never keep a
 * process alive.
 */
export class Flusher {
  private timer: NodeJS.Timeout | null = null
  private checkTimer: NodeJS.Timeout | null = null
  private timerAt = 0
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private readonly rateLimits: ChannelRateLimits

  private readonly options: FlushOptions

  constructor(
    private readonly service: MarketplaceModuleService,
    private readonly logger: Logger,
    options: Partial<FlushOptions> = {}
  ) {
    this.options = { ...DEFAULT_FLUSH_OPTIONS, ...options }
    this.rateLimits = new ChannelRateLimits(this.options.rate_limit_store, () => service.sqlClient(), logger)
  }

  /** Flush soon: after the coalescing window, or after `delayMs` when given. */
  request(delayMs = this.options.coalesce_ms): void {
    if (this.stopped || !this.options.auto) {
      return
    }
    const at = Date.now() + Math.max(0, delayMs)
    if (this.timer && this.timerAt <= at) {
      return
    }
    if (this.timer) {
      clearTimeout(this.timer)
    }
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = null
      void this.run()
    }, Math.max(0, delayMs))
    this.timer.unref?.()
  }

  /** Runs flush rounds until nothing due is left; concurrent calls share one run. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          while ((await this.flushRound()) > 0 && !this.stopped) {
            // keep going while rounds find work
          }
        } while (this.again && !this.stopped)
        const next = await this.service.nextRetryAt()
        if (next) {
          this.request(next.getTime() - Date.now())
        }
      } catch (error) {
        this.logger.error(`marketplace: flush failed: ${(error as Error).stack ?? error}`)
        this.request(5_000)
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  /** No new rounds; waits for the one in progress so that no claim outlives the process. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.checkTimer) {
      clearTimeout(this.checkTimer)
      this.checkTimer = null
    }
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    await this.running?.catch(() => undefined)
  }

  /** One claim-push-settle round; returns how many rows it claimed. */
  async flushRound(channelId?: string): Promise<number> {
    const claim = await this.service.claimDueTargets({
      limit: this.options.claim_limit,
      lease_ms: this.options.lease_ms,
      channel_id: channelId ?? null,
    })
    if (!claim.targets.length) {
      return 0
    }
    const byChannel = new Map<string, ClaimedTarget[]>()
    for (const target of claim.targets) {
      byChannel.set(target.channel_id, [...(byChannel.get(target.channel_id) ?? []), target])
    }
    await Promise.all(
      [...byChannel.entries()].map(([id, targets]) => this.pushChannel(id, targets, claim.token))
    )
    return claim.targets.length
  }

  private async pushChannel(channelId: string, targets: ClaimedTarget[], token: string): Promise<void> {
    let provider: AbstractMarketplaceProvider
    let ctx: ChannelContext
    try {
      provider = this.service.getProvider(targets[0].provider_id)
      ctx = await this.service.getChannelContext(channelId)
    } catch (error) {
      const shape = toShape(error)
      await this.service.settleTargets(token, targets.map((target) => settlement(target, { outcome: "error", error: shape })))
      return
    }
    const size = Math.max(1, provider.capabilities.batch_size)
    const batches: ClaimedTarget[][] = []
    for (let i = 0; i < targets.length; i += size) {
      batches.push(targets.slice(i, i + size))
    }
    // A few calls in flight per channel (within its rate limit); batches start in priority order.
    const workers = Array.from({ length: Math.min(this.options.batch_concurrency, batches.length) }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await this.pushBatch(channelId, provider, ctx, batch, token)
      }
    })
    await Promise.all(workers)
  }

  private async pushBatch(channelId: string, provider: AbstractMarketplaceProvider, ctx: ChannelContext, batch: ClaimedTarget[], token: string) {
    await this.throttle(channelId, provider.capabilities.rate_limit)
    const updates: QuantityUpdate[] = batch.map((target) => ({
      listing_id: target.listing_id,
      sku: target.channel_sku,
      channel_product_id: target.channel_product_id,
      location: target.location_external_id,
      quantity: target.desired_quantity,
    }))
    let settlements: Settlement[]
    try {
      const result = await provider.pushQuantities(ctx, updates)
      const byKey = new Map<string, PushItemResult>(result.items.map((item) => [key(item.listing_id, item.location ?? null), item]))
      settlements = batch.map((target) => {
        const item = byKey.get(key(target.listing_id, target.location_external_id))
        return settlement(
          target,
          item ?? { outcome: "error", error: ChannelError.transient("The channel returned no result for this item", "MISSING_RESULT").toShape() }
        )
      })
    } catch (error) {
      const shape = toShape(error)
      settlements = batch.map((target) => settlement(target, { outcome: "error", error: shape }))
    }
    await this.service.settleTargets(token, settlements)
    if (settlements.some((s) => s.outcome === "submitted")) {
      this.scheduleCheck()
    }
  }

  private scheduleCheck(): void {
    if (this.stopped || !this.options.auto || this.checkTimer) {
      return
    }
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null
      this.checkSubmissions()
        .then((pending) => pending > 0 && this.scheduleCheck())
        .catch((error) => {
          this.logger.error(`marketplace: reading submissions failed: ${(error as Error).stack ?? error}`)
          this.scheduleCheck()
        })
    }, this.options.submission_check_ms)
    this.checkTimer.unref?.()
  }

  /**
   * Reads the verdict on every submitted push and settles the finished ones (success, error, or
   * retry when the channel failed it transiently). Returns how many are still pending.
   */
  async checkSubmissions(): Promise<number> {
    const rows = await this.service.listSubmittedTargets()
    const bySubmission = new Map<string, typeof rows>()
    for (const row of rows) {
      const group = `${row.channel_id}|${row.submission_id}|${row.claim_token}`
      bySubmission.set(group, [...(bySubmission.get(group) ?? []), row])
    }
    let pending = 0
    for (const targets of bySubmission.values()) {
      const { channel_id, provider_id, submission_id, claim_token } = targets[0]
      let status
      try {
        const provider = this.service.getProvider(provider_id)
        status = await provider.checkSubmission(await this.service.getChannelContext(channel_id), submission_id)
      } catch (error) {
        const shape = toShape(error)
        if (isRetryable(shape)) {
          pending += targets.length
          continue
        }
        await this.service.settleTargets(claim_token, targets.map((target) => settlement(target, { outcome: "error", error: shape })))
        continue
      }
      if (status.status === "pending") {
        pending += targets.length
        continue
      }
      const byKey = new Map(status.items.map((item) => [`${item.sku}|${item.location ?? ""}`, item]))
      // A row without a location was sent without one; the channel reports where it applied it.
      const bySku = new Map(status.items.map((item) => [item.sku, item]))
      await this.service.settleTargets(
        claim_token,
        targets.map((target) =>
          settlement(
            target,
            (target.location_external_id ? byKey.get(`${target.channel_sku}|${target.location_external_id}`) : bySku.get(target.channel_sku)) ??
              { outcome: "error", error: ChannelError.transient("The channel's report has no result for this item", "MISSING_RESULT").toShape() }
          )
        )
      )
    }
    if (pending === 0 && rows.length) {
      this.request(0)
    }
    return pending
  }

  /** Waits until the channel's request budget (shared by every instance by default) allows one more call. */
  private async throttle(channelId: string, limit: { requests: number; per_ms: number } | null): Promise<void> {
    if (!limit) {
      return
    }
    await this.rateLimits.take(channelId, limit)
  }
}

const key = (listingId: string, location: string | null) => `${listingId}|${location ?? ""}`

function toShape(error: unknown): ChannelErrorShape {
  if (error instanceof ChannelError) {
    return error.toShape()
  }
  return { kind: "transient", message: (error as Error)?.message ?? String(error), code: "UNEXPECTED" }
}

/** Turns a provider's item result into what the outbox records, deciding retry or give-up. */
function settlement(
  target: ClaimedTarget,
  item: Pick<PushItemResult, "outcome"> & { quantity?: number; submission_id?: string; error?: ChannelErrorShape }
): Settlement {
  if (item.outcome === "success") {
    return { target, outcome: "success", quantity: item.quantity ?? target.desired_quantity }
  }
  if (item.outcome === "submitted") {
    return { target, outcome: "submitted", submission_id: item.submission_id! }
  }
  const error = item.error!
  const attempts = target.attempts
  if (isRetryable(error) && attempts < MAX_ATTEMPTS) {
    return { target, outcome: "retry", error, attempts, next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, error)) }
  }
  const gaveUp = isRetryable(error) ? ` (gave up after ${attempts} attempts)` : ""
  return { target, outcome: "error", error: { ...error, message: error.message + gaveUp }, attempts }
}
