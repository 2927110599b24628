import type { Logger } from "@medusajs/framework/types"
import {
  type AbstractMarketplaceProvider,
  type ChannelContext,
  ChannelError,
  itemKey,
  type ChannelErrorShape,
  type PushItemResult,
  type QuantityUpdate,
  type RateBudget,
} from "../../../lib/provider"
import type { ListingQuantity } from "../../../lib/stock/load-listing-quantities"
import type MarketplaceModuleService from "../service"
import type { ClaimedTarget, Settlement } from "../service"
import { budgetOf, ChannelRateLimits, type RateLimitStore } from "./rate-limits"
import { Heartbeat } from "./heartbeat"
import { readSubmissions } from "./submission-checks"
import { recompute } from "./recompute"
import { settlement, toShape } from "./settlement"
import { holdBackByRevisionCap, type RevisionCap } from "./revision-cap"

export type FlushOptions = {
  /** Push calls one lane keeps in flight for its channel. */
  batch_concurrency: number
  /** How soon to read an asynchronous channel's verdict after a submission, and between reads. */
  submission_check_ms: number
  /** Flush by itself after marks and retries; off, only flushNow() and the backstop job push. */
  auto: boolean
  /** Wait this long after a mark before flushing a channel, so that a burst becomes one push. */
  coalesce_ms: number
  /** Most rows one round claims (fewer when the channel's rate cannot send them within the lease). */
  claim_limit: number
  /**
   * How long a claim protects a row from other flushers without a heartbeat. Short, because it is
   * renewed every `lease_ms / 4` while the round lives: a dead process's rows are free this soon.
   */
  lease_ms: number
  /** Channel request budgets: shared by all instances through PostgreSQL or Redis, or per process. */
  rate_limit_store: RateLimitStore
  /** Redis for `rate_limit_store: "redis"`. */
  redis_url?: string
  /** The time a daily revision cap counts days by (tests move it; defaults to the system clock). */
  clock?: () => Date
}

export const DEFAULT_FLUSH_OPTIONS: FlushOptions = {
  batch_concurrency: 4,
  submission_check_ms: 1_000,
  auto: true,
  coalesce_ms: 50,
  claim_limit: 500,
  lease_ms: 8_000,
  rate_limit_store: "postgres",
}

/**
 * Computes the current quantities of listings from current stock (the quantity formula over
 * Medusa's inventory). The push calls it for the rows it claimed, just before the channel call.
 */
export type QuantitySource = (listingIds: string[]) => Promise<ListingQuantity[]>

/** One channel's loop: its own timer, its own run, so a slow channel only ever delays itself. */
type Lane = { timer: NodeJS.Timeout | null; timerAt: number; running: Promise<void> | null; again: boolean }

/**
 * Pushes due rows, one lane per channel: a lane claims its channel's due rows, recomputes their
 * quantities from current stock, groups them into the provider's batch size within the channel's
 * rate limit, and settles each item. Lanes of one process run side by side; several processes
 * may flush one channel at once (claims skip rows another holds). Timers are unref'd: they never
 * keep a process alive.
 */
export class Flusher {
  private readonly lanes = new Map<string, Lane>()
  private checkTimer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly rateLimits: ChannelRateLimits
  private readonly options: FlushOptions
  /** What this flusher did since it started: rows claimed, sent, settled without a call, answers ignored as late. */
  readonly stats = { claimed: 0, sent: 0, unchanged: 0, late: 0, drift: 0, deferred: 0 }

  constructor(
    private readonly service: MarketplaceModuleService,
    private readonly logger: Logger,
    options: Partial<FlushOptions> = {},
    /** Where fresh quantities come from; the app wires Medusa's stock in (see the module service). */
    private readonly source: () => QuantitySource | null = () => service.quantitySource()
  ) {
    this.options = { ...DEFAULT_FLUSH_OPTIONS, ...options }
    this.rateLimits = new ChannelRateLimits(this.options.rate_limit_store, () => service.sqlClient(), logger, this.options.redis_url)
  }

  /** Flush these channels soon: after the coalescing window, or after `delayMs` when given. */
  request(channelIds: string[], delayMs = this.options.coalesce_ms): void {
    if (this.stopped || !this.options.auto) {
      return
    }
    for (const channelId of channelIds) {
      const lane = this.lane(channelId)
      const at = Date.now() + Math.max(0, delayMs)
      if (lane.timer && lane.timerAt <= at) {
        continue
      }
      if (lane.timer) {
        clearTimeout(lane.timer)
      }
      lane.timerAt = at
      lane.timer = setTimeout(() => {
        lane.timer = null
        void this.runChannel(channelId)
      }, Math.max(0, delayMs))
      lane.timer.unref?.()
    }
  }

  /**
   * Runs the given channels, or every channel with claimable rows and every lane of this process
   * already running, until nothing due is left in them.
   */
  async run(channelIds?: string[]): Promise<void> {
    const running = [...this.lanes.entries()].filter(([, lane]) => lane.running).map(([id]) => id)
    const ids = channelIds ?? [...new Set([...(await this.service.listClaimableChannelIds()), ...running])]
    await Promise.all(ids.map((id) => this.runChannel(id)))
  }

  /** Runs one channel's lane until nothing due is left; concurrent calls share one run. */
  runChannel(channelId: string): Promise<void> {
    const lane = this.lane(channelId)
    if (lane.running) {
      lane.again = true
      return lane.running
    }
    lane.running = (async () => {
      try {
        do {
          lane.again = false
          while ((await this.flushRound(channelId)) > 0 && !this.stopped) {
            // keep going while rounds find work
          }
        } while (lane.again && !this.stopped)
        const next = await this.service.nextRetryAt(channelId)
        if (next) {
          this.request([channelId], next.getTime() - Date.now())
        }
      } catch (error) {
        this.logger.error(`marketplace: flushing channel ${channelId} failed: ${(error as Error).stack ?? error}`)
        this.request([channelId], 5_000)
      } finally {
        lane.running = null
      }
    })()
    return lane.running
  }

  /** No new rounds; waits for the ones in progress so that no claim outlives the process. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.checkTimer) {
      clearTimeout(this.checkTimer)
      this.checkTimer = null
    }
    for (const lane of this.lanes.values()) {
      if (lane.timer) {
        clearTimeout(lane.timer)
        lane.timer = null
      }
    }
    await Promise.all([...this.lanes.values()].map((lane) => lane.running?.catch(() => undefined)))
    await this.rateLimits.close()
  }

  /**
   * One claim → recompute → push → settle round of one channel; returns how many rows it claimed.
   * The claim's lease is renewed by heartbeat while the round lives.
   */
  async flushRound(channelId: string): Promise<number> {
    const source = this.source()
    if (!source) {
      throw new Error("no quantity source is wired: run the plugin inside a Medusa app (or give the Flusher one)")
    }
    let provider: AbstractMarketplaceProvider | null = null
    let ctx: ChannelContext | null = null
    let setupError: ChannelErrorShape | null = null
    let providerId: string | null = null
    try {
      providerId = await this.service.channelProviderId(channelId)
      provider = this.service.getProvider(providerId)
      ctx = await this.service.getChannelContext(channelId)
    } catch (error) {
      setupError = toShape(error)
    }
    const claim = await this.service.claimDueTargets({
      channel_id: channelId,
      limit: provider ? this.claimLimit(provider) : this.options.claim_limit,
      lease_ms: this.options.lease_ms,
    })
    if (!claim.targets.length) {
      return 0
    }
    this.stats.claimed += claim.targets.length
    const heartbeat = new Heartbeat(this.service, claim.token, claim.targets.map((t) => t.id), this.options.lease_ms, this.logger)
    try {
      const fresh = await recompute(source, claim.targets)
      const opening = Date.now()
      const { push, unchanged } = await this.service.openPush(claim.token, claim.targets, fresh, this.options.lease_ms)
      // Opening renewed the lease of what it holds (from its transaction's start, after `opening`).
      heartbeat.renewedSince(opening)
      this.stats.unchanged += unchanged
      heartbeat.keepOnly(push.map((t) => t.id))
      if (!push.length) {
        return claim.targets.length
      }
      if (!provider || !ctx) {
        await this.settle(claim.token, push.map((target) => settlement(target, { outcome: "error", error: setupError! })), heartbeat)
        return claim.targets.length
      }
      await this.pushChannel(provider, ctx, channelId, push, claim.token, heartbeat)
    } finally {
      heartbeat.stop()
    }
    return claim.targets.length
  }

  /**
   * What one round may claim: no more than the channel's push budget can send within half a lease
   * (counting one point per call; a provider that prices calls higher gets proportionally fewer
   * sent per lease, which the heartbeat covers).
   */
  private claimLimit(provider: AbstractMarketplaceProvider): number {
    const size = Math.max(1, provider.capabilities.batch_size)
    // A channel whose one call takes more than a round's usual claim (a feed) asks for more.
    const limit = Math.max(this.options.claim_limit, provider.capabilities.round_size ?? 0)
    const budget = pushBudget(provider)
    if (!budget) {
      return limit
    }
    const calls = Math.floor((budget.points * this.options.lease_ms) / 2 / budget.per_ms)
    return Math.max(1, Math.min(limit, Math.max(1, calls) * size))
  }

  private async pushChannel(
    provider: AbstractMarketplaceProvider,
    ctx: ChannelContext,
    channelId: string,
    targets: ClaimedTarget[],
    token: string,
    heartbeat: Heartbeat
  ): Promise<void> {
    const cap = provider.capabilities.revision_cap
    if (cap) {
      targets = await this.withinRevisionCap(cap, channelId, targets, token, heartbeat)
    }
    const size = Math.max(1, provider.capabilities.batch_size)
    const batches: ClaimedTarget[][] = []
    for (let i = 0; i < targets.length; i += size) {
      batches.push(targets.slice(i, i + size))
    }
    // A few calls in flight per channel (within its rate limit); batches start in priority order.
    // A batch that fails (its settle cannot be written, say) leaves its rows to their lease and
    // does not stop the others: the round ends only when every worker has, so the heartbeat
    // never stops while a call of this round is still on the wire.
    const workers = Array.from({ length: Math.min(this.options.batch_concurrency, batches.length) }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await this.throttle(channelId, provider, ctx, batch)
        // A row whose lease another flusher took over (this process stalled) is not sent again.
        const held = batch.filter((t) => heartbeat.holds(t.id))
        if (held.length) {
          this.stats.sent += held.length
          await this.pushBatch(provider, ctx, held, token, heartbeat)
        }
      }
    })
    const failed = (await Promise.allSettled(workers)).find((r): r is PromiseRejectedResult => r.status === "rejected")
    if (failed) {
      throw failed.reason
    }
  }

  /** Settles as deferred, without a call, what the channel's daily revision cap holds back now. */
  private async withinRevisionCap(
    cap: RevisionCap,
    channelId: string,
    targets: ClaimedTarget[],
    token: string,
    heartbeat: Heartbeat
  ): Promise<ClaimedTarget[]> {
    const { send, deferred } = await holdBackByRevisionCap(this.service, cap, channelId, targets, this.options.clock?.() ?? new Date())
    if (deferred.length) {
      this.stats.deferred += deferred.length
      await this.settle(token, deferred, heartbeat)
    }
    return send
  }

  private async pushBatch(provider: AbstractMarketplaceProvider, ctx: ChannelContext, batch: ClaimedTarget[], token: string, heartbeat: Heartbeat) {
    const updates: QuantityUpdate[] = batch.map(toUpdate)
    let settlements: Settlement[]
    let answered: Map<string, PushItemResult> | null = null
    const budget = pushBudget(provider)
    try {
      const result = await provider.pushQuantities(ctx, updates)
      if (result.budget && budget) {
        await this.rateLimits.report(ctx.channel_id, budget, result.budget)
      }
      const byKey = new Map<string, PushItemResult>(result.items.map((item) => [itemKey(item), item]))
      settlements = batch.map((target) => {
        const item = byKey.get(itemKey(toUpdate(target)))
        return settlement(
          target,
          item ?? { outcome: "error", error: ChannelError.transient("The channel returned no result for this item", "MISSING_RESULT").toShape() }
        )
      })
      answered = byKey
    } catch (error) {
      const shape = toShape(error)
      // A throttled call pauses the channel's budget for every instance, not only this row.
      if (shape.kind === "rate_limited" && shape.retry_after_ms && budget) {
        await this.rateLimits.report(ctx.channel_id, budget, { wait_ms: shape.retry_after_ms })
      }
      settlements = batch.map((target) => settlement(target, { outcome: "error", error: shape }))
    }
    await this.settle(token, settlements, heartbeat)
    if (answered) {
      await this.keepResolvedIds(batch, answered).catch((error) =>
        this.logger.warn(`marketplace: keeping the channel ids a push resolved failed: ${(error as Error).message}`)
      )
    }
    if (settlements.some((s) => s.outcome === "submitted")) {
      this.scheduleCheck()
    }
  }

  /**
   * Keeps the channel ids a push resolved (a Shopify inventory item found by SKU, say) on their
   * listings, so the next push skips the lookup; says when a compare-and-set found drift.
   */
  private async keepResolvedIds(batch: ClaimedTarget[], byKey: Map<string, PushItemResult>): Promise<void> {
    const resolved = new Map<string, string>()
    for (const target of batch) {
      const item = byKey.get(itemKey(toUpdate(target)))
      if (item?.channel_product_id && item.channel_product_id !== target.channel_product_id) {
        resolved.set(target.listing_id, item.channel_product_id)
      }
      if (item?.outcome === "success" && item.drift) {
        this.stats.drift += 1
        this.logger.info(
          `marketplace: ${target.channel_sku}${target.location_code ? ` at ${target.location_code}` : ""} held ${item.drift.found} on the channel where we knew ${item.drift.expected ?? "nothing"}; pushed ${item.quantity} against it`
        )
      }
    }
    if (resolved.size) {
      await this.service.updateListings([...resolved].map(([id, channel_product_id]) => ({ id, channel_product_id })))
    }
  }

  /** Settles, and says at debug level which answers came too late to count. */
  private async settle(token: string, settlements: Settlement[], heartbeat?: Heartbeat): Promise<void> {
    const held = await this.service.settleTargets(token, settlements)
    heartbeat?.release(settlements.map((s) => s.target.id))
    const late = settlements.filter((s) => !held.has(s.target.id))
    if (late.length) {
      this.stats.late += late.length
      this.logger.debug?.(
        `marketplace: ignored ${late.length} late answer(s) for claims no longer held (${late.map((s) => `${s.target.channel_sku}: ${s.outcome}`).join(", ")})`
      )
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
    const { pending, finished } = await readSubmissions(this.service, (token, settlements) => this.settle(token, settlements))
    this.request(finished, 0)
    return pending
  }

  /** Waits until the channel's push budget (shared by every instance by default) allows this call. */
  private async throttle(channelId: string, provider: AbstractMarketplaceProvider, ctx: ChannelContext, batch: ClaimedTarget[]): Promise<void> {
    const budget = pushBudget(provider)
    if (!budget) {
      return
    }
    const cost = provider.pushCost(batch.map(toUpdate), ctx)
    await this.rateLimits.take(channelId, budget, cost)
  }

  private lane(channelId: string): Lane {
    let lane = this.lanes.get(channelId)
    if (!lane) {
      lane = { timer: null, timerAt: 0, running: null, again: false }
      this.lanes.set(channelId, lane)
    }
    return lane
  }
}

/** The budget pushes draw from: the declared push budget, else the channel's request limit. */
function pushBudget(provider: AbstractMarketplaceProvider): RateBudget | null {
  const { rate_budgets, rate_limit } = provider.capabilities
  return rate_budgets?.push ?? (rate_limit ? budgetOf(rate_limit) : null)
}

/** What the provider is sent for a claimed row. */
function toUpdate(target: ClaimedTarget): QuantityUpdate {
  return {
    listing_id: target.listing_id,
    sku: target.channel_sku,
    channel_product_id: target.channel_product_id,
    location: target.location_external_id ?? null,
    quantity: target.desired_quantity,
    known_quantity: target.known_quantity ?? null,
    reference: target.record_id,
    attempt: target.attempts,
  }
}
