import type { Context } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import type { ChannelErrorShape } from "../../../lib/provider"
import type { ListingQuantity } from "../../../lib/stock/load-listing-quantities"
import type { MarketplaceModuleOptions } from "../types"
import {
  ARCHIVE_SYNC_RECORDS,
  CLAIM_DUE_TARGETS,
  CLAIMABLE_CHANNELS,
  DROP_STALE_TARGETS,
  FORCE_TARGETS,
  FAILING_CHANNELS,
  MARK_TARGETS,
  NEXT_RETRY_AT,
  PRUNE_SYNC_RECORDS,
  RECENTLY_MOVED_LISTINGS,
  REFRESH_LISTING_SUMMARY,
  RELEASE_UNCHANGED,
  RENEW_CLAIMS,
  SET_RECORD_IDS,
  SETTLE_SKIPPED,
  COUNT_REVISIONS,
  DISABLE_SKIPPED_LISTINGS,
  SETTLE_FAILURE,
  SETTLE_RETRY,
  SETTLE_SUBMITTED,
  SETTLE_SUCCESS,
  STORE_RECOMPUTED,
  SUBMITTED_TARGETS,
} from "./outbox-sql"
import { bind, withRetriedTransaction } from "./sql"
import { INSERT_SYNC_RECORDS, RESUME_SYNC_RECORDS, SETTLE_SYNC_RECORDS } from "./sync-record-sql"
import { recordUpdate } from "./sync-record-update"

/** What caused a mark: the event and the id of the order, reservation or level behind it. */
export type SyncTrigger = { event: string; id?: string | null }

export type MarkOptions = {
  /** Mark every target due, even where the channel was told this quantity already. */
  force?: boolean
  /**
   * Mark only these targets due regardless (force reconcile of some locations or rows): those
   * at the given channel locations, and those named `listing_id|target_key`.
   */
  force_targets?: { channel_location_ids?: string[]; keys?: string[] }
  /** The change moved stock (counts for the nightly re-push window). */
  stock_moved?: boolean
}

/** A due row claimed for pushing, with what the push and the sync log need. */
export type ClaimedTarget = {
  id: string
  /** `channel_location_id`, or "all" (matches TargetQuantity of the recomputation). */
  target_key?: string
  listing_id: string
  channel_id: string
  provider_id: string
  channel_location_id: string | null
  location_code: string | null
  location_external_id: string | null
  channel_sku: string
  channel_product_id: string | null
  variant_id: string | null
  variant_sku: string | null
  desired_quantity: number
  breakdown: unknown
  trigger_event: string | null
  trigger_id: string | null
  /** Tries of this push so far, this one included. */
  attempts: number
  record_id: string
  /** What the channel held at our last look (newest of last pushed and last read), or null. */
  known_quantity?: number | null
}

/** A row as claimed, before its quantity is recomputed and its sync record opened. */
export type ClaimedRow = Omit<ClaimedTarget, "record_id"> & {
  target_key: string
  record_id: string | null
  last_pushed_quantity: number | null
  /** The push must go out even if the channel was told this quantity. */
  forced: boolean
}

/** A claimed row's quantity recomputed from current stock (null: the listing has no such target any more). */
export type Recomputed = { id: string; quantity: number | null; breakdown: unknown; variant_sku: string | null }

export type Settlement =
  | { target: ClaimedTarget; outcome: "success"; quantity: number; note?: string | null }
  | { target: ClaimedTarget; outcome: "submitted"; submission_id: string }
  | { target: ClaimedTarget; outcome: "retry"; error: ChannelErrorShape; attempts: number; next_attempt_at: Date }
  /** The channel does not take this item's quantity: the listing stops pushing (reason `code`). */
  | { target: ClaimedTarget; outcome: "skipped"; code: string; message: string }
  /**
   * Held back without a call (the channel's daily revision cap): the row stays due, keeps its
   * sync record (shown as deferred) and is tried again at `next_attempt_at`.
   */
  | { target: ClaimedTarget; outcome: "deferred"; code: string; message: string; next_attempt_at: Date }
  | {
      target: ClaimedTarget
      outcome: "error"
      error: ChannelErrorShape
      attempts: number
      /** Out of retries on a transient failure: start over after this long. */
      cooloff_ms?: number
    }

export type Manager = { execute(sql: string, params?: unknown[], method?: "all" | "get" | "run"): Promise<any> }
/** Runs a task in a transaction, joining the one in `context` when it holds one. */
export type Repository = { transaction<T>(task: (manager: Manager) => Promise<T>, context?: Context): Promise<T> }

/**
 * The sync outbox (mkt_listing_target) and the sync log rows it writes: marking, claiming,
 * settling, and the scheduled jobs' queries. Owned by the module service, which delegates to it.
 */
export class Outbox {
  constructor(
    private readonly repository: Repository,
    private readonly options: MarketplaceModuleOptions
  ) {}

  /**
   * Stores freshly computed quantities and, in the same transaction, marks due every target the
   * channel was not told yet (all of them when `force`). Nothing is lost if the process dies
   * after this returns: the flusher finds the due rows. Returns how many rows are due.
   */
  async markTargets(
    quantities: ListingQuantity[],
    trigger: SyncTrigger,
    options: MarkOptions = {},
    sharedContext?: Context
  ): Promise<{ due: number; targets: number; channel_ids: string[] }> {
    const rows = quantities.flatMap((listing) =>
      listing.breakdown.targets.map((target) => ({
        id: generateEntityId(undefined, "mtgt"),
        listing_id: listing.listing_id,
        channel_id: listing.channel_id,
        channel_location_id: target.channel_location_id,
        target_key: target.channel_location_id ?? "all",
        location_code: target.location_code,
        location_external_id: target.location_external_id,
        variant_sku: listing.variant_sku,
        desired: target.quantity,
        breakdown: target.breakdown,
      }))
    )
    if (!quantities.length) {
      return { due: 0, targets: 0, channel_ids: [] }
    }
    const listingIds = JSON.stringify(quantities.map((q) => q.listing_id))
    const result = await this.transaction(async (manager) => {
      const marked: { id: string; channel_id: string; due_at: Date | null }[] = await manager.execute(
        ...bind(MARK_TARGETS, {
          rows: JSON.stringify(rows),
          event: trigger.event,
          trigger_id: trigger.id ?? null,
          stock_moved: options.stock_moved ?? false,
          force: options.force ?? false,
        })
      )
      await manager.execute(
        ...bind(DROP_STALE_TARGETS, { listing_ids: listingIds, keys: JSON.stringify(rows.map((r) => `${r.listing_id}|${r.target_key}`)) })
      )
      const dueRows = marked.filter((row) => row.due_at)
      const due = new Set(dueRows.map((row) => row.id))
      const channels = new Set(dueRows.map((row) => row.channel_id))
      if (options.force_targets) {
        const forced: { id: string }[] = await manager.execute(
          ...bind(FORCE_TARGETS, {
            listing_ids: listingIds,
            location_ids: JSON.stringify(options.force_targets.channel_location_ids ?? []),
            keys: JSON.stringify(options.force_targets.keys ?? []),
            event: trigger.event,
            trigger_id: trigger.id ?? null,
          })
        )
        forced.forEach((row) => due.add(row.id))
        if (forced.length) {
          quantities.forEach((q) => channels.add(q.channel_id))
        }
      }
      await manager.execute(...bind(REFRESH_LISTING_SUMMARY, { listing_ids: listingIds }))
      return { due: due.size, targets: marked.length, channel_ids: [...channels] }
    }, sharedContext)
    return result
  }

  /**
   * Claims due rows of one channel for one push round, with a lease that the round's heartbeat
   * renews (renewClaims). Sync records are opened later, by openPush, for what is really sent.
   */
  async claimDueTargets(input: { channel_id: string; limit: number; lease_ms: number }): Promise<{ token: string; targets: ClaimedRow[] }> {
    const token = randomUUID()
    const targets: ClaimedRow[] = await this.transaction((manager) =>
      manager.execute(...bind(CLAIM_DUE_TARGETS, { limit: input.limit, token, lease_s: input.lease_ms / 1_000, channel_id: input.channel_id }))
    )
    return { token, targets }
  }

  /**
   * Takes the quantities recomputed from current stock for claimed rows: rows whose channel was
   * already told that number (and not forced, and with no push of theirs in progress) are
   * released without a call; the rest get their sync record (a new one, or the retried push's)
   * with the fresh number. Returns what to send. Rows the claim lost meanwhile are dropped.
   */
  async openPush(token: string, claimed: ClaimedRow[], recomputed: Recomputed[], leaseMs = 8_000): Promise<{ push: ClaimedTarget[]; unchanged: number }> {
    const fresh = new Map(recomputed.map((r) => [r.id, r]))
    const toPush: ClaimedRow[] = []
    const unchanged: string[] = []
    for (const row of claimed) {
      const next = fresh.get(row.id)
      if (!next || next.quantity === null) {
        unchanged.push(row.id)
      } else if (!row.forced && !row.record_id && next.quantity === row.last_pushed_quantity) {
        unchanged.push(row.id)
      } else {
        toPush.push({ ...row, desired_quantity: next.quantity, breakdown: next.breakdown, variant_sku: next.variant_sku ?? row.variant_sku })
      }
    }
    return this.transaction(async (manager) => {
      if (unchanged.length) {
        await manager.execute(...bind(RELEASE_UNCHANGED, { ids: JSON.stringify(unchanged.sort()), token }))
      }
      if (!toPush.length) {
        return { push: [], unchanged: unchanged.length }
      }
      const held: { id: string }[] = await manager.execute(
        ...bind(STORE_RECOMPUTED, {
          rows: JSON.stringify(toPush.map((t) => ({ id: t.id, quantity: t.desired_quantity, breakdown: t.breakdown ?? {}, variant_sku: t.variant_sku }))),
          token,
          lease_s: leaseMs / 1_000,
        })
      )
      const heldIds = new Set(held.map((h) => h.id))
      const sending = toPush.filter((t) => heldIds.has(t.id))
      const opening = sending.filter((t) => !t.record_id)
      const recordByTarget = new Map(opening.map((t) => [t.id, generateEntityId(undefined, "msync")]))
      if (opening.length) {
        await manager.execute(
          ...bind(INSERT_SYNC_RECORDS, {
            rows: JSON.stringify(
              opening.map((t) => ({
                id: recordByTarget.get(t.id),
                channel_id: t.channel_id,
                listing_id: t.listing_id,
                target_id: t.id,
                channel_location_id: t.channel_location_id,
                location_code: t.location_code,
                channel_sku: t.channel_sku,
                channel_product_id: t.channel_product_id,
                variant_id: t.variant_id,
                variant_sku: t.variant_sku,
                quantity: t.desired_quantity,
                breakdown: t.breakdown ?? {},
                trigger_event: t.trigger_event ?? "manual",
                trigger_id: t.trigger_id,
                attempts: t.attempts,
              }))
            ),
          })
        )
        await manager.execute(
          ...bind(SET_RECORD_IDS, { rows: JSON.stringify(opening.map((t) => ({ id: t.id, record_id: recordByTarget.get(t.id) }))), token })
        )
      }
      const continuing = sending.filter((t) => t.record_id)
      if (continuing.length) {
        await manager.execute(
          ...bind(RESUME_SYNC_RECORDS, {
            rows: JSON.stringify(
              continuing.map((t) => ({ id: t.record_id, quantity: t.desired_quantity, breakdown: t.breakdown ?? {}, attempts: t.attempts }))
            ),
          })
        )
      }
      const push = sending.map(({ last_pushed_quantity: _pushed, forced: _forced, ...t }) => ({ ...t, record_id: t.record_id ?? recordByTarget.get(t.id)! }))
      return { push, unchanged: unchanged.length }
    })
  }

  /** Heartbeat of a push round: extends the lease of the rows the claim still holds and returns their ids. */
  async renewClaims(token: string, ids: string[], leaseMs: number): Promise<Set<string>> {
    if (!ids.length) {
      return new Set()
    }
    const rows: { id: string }[] = await this.transaction((manager) =>
      manager.execute(...bind(RENEW_CLAIMS, { ids: JSON.stringify([...ids].sort()), token, lease_s: leaseMs / 1_000 }))
    )
    return new Set(rows.map((r) => r.id))
  }

  /** Channels with rows some lane could claim now. */
  async listClaimableChannelIds(): Promise<string[]> {
    const rows: { channel_id: string }[] = await this.transaction((manager) => manager.execute(CLAIMABLE_CHANNELS, []))
    return rows.map((r) => r.channel_id)
  }

  /**
   * Writes push results to the outbox rows this claim still holds and to their sync records. An
   * answer for a row whose lease was lost (another flusher took it over) changes neither the row
   * nor its record. Returns the ids of the rows settled.
   */
  async settleTargets(token: string, settlements: Settlement[]): Promise<Set<string>> {
    if (!settlements.length) {
      return new Set()
    }
    const now = new Date()
    const of = <K extends Settlement["outcome"]>(outcome: K) =>
      settlements.filter((s): s is Extract<Settlement, { outcome: K }> => s.outcome === outcome)
    return this.transaction(async (manager) => {
      const held = new Set<string>()
      const run = async (sql: string, rows: unknown[]) => {
        if (rows.length) {
          const settled: { id: string }[] = await manager.execute(...bind(sql, { rows: JSON.stringify(rows), token }))
          settled.forEach((row) => held.add(row.id))
        }
      }
      // `sent` is what was pushed; `quantity` what the channel says it now shows (it may cap it).
      await run(SETTLE_SUCCESS, of("success").map((s) => ({ id: s.target.id, quantity: s.quantity, sent: s.target.desired_quantity })))
      await run(
        SETTLE_FAILURE,
        of("error").map((s) => ({ id: s.target.id, quantity: s.target.desired_quantity, sent: s.target.desired_quantity, cooloff_ms: s.cooloff_ms ?? null }))
      )
      await run(
        SETTLE_RETRY,
        of("retry").map((s) => ({ id: s.target.id, attempts: s.attempts, next_attempt_at: s.next_attempt_at.toISOString() }))
      )
      await run(SETTLE_SUBMITTED, of("submitted").map((s) => ({ id: s.target.id })))
      // A deferral is no try: the count goes back to what it was before this claim.
      await run(
        SETTLE_RETRY,
        of("deferred").map((s) => ({ id: s.target.id, attempts: Math.max(0, s.target.attempts - 1), next_attempt_at: s.next_attempt_at.toISOString() }))
      )
      const skipped = of("skipped")
      await run(SETTLE_SKIPPED, skipped.map((s) => ({ id: s.target.id })))
      if (skipped.length) {
        await manager.execute(
          ...bind(DISABLE_SKIPPED_LISTINGS, {
            rows: JSON.stringify(skipped.filter((s) => held.has(s.target.id)).map((s) => ({ id: s.target.listing_id, note: s.message })).sort((a, b) => a.id.localeCompare(b.id))),
          })
        )
      }
      const kept = settlements.filter((s) => held.has(s.target.id))
      if (kept.length) {
        await manager.execute(
          ...bind(SETTLE_SYNC_RECORDS, { rows: JSON.stringify(kept.map(recordUpdate).sort((a, b) => a.id.localeCompare(b.id))), now: now.toISOString() })
        )
        await manager.execute(...bind(REFRESH_LISTING_SUMMARY, { listing_ids: JSON.stringify([...new Set(kept.map((s) => s.target.listing_id))].sort()) }))
      }
      return held
    })
  }

  /**
   * Channels that kept failing since admins were last told, and records that they are being told
   * now (in the same transaction, so that two instances never alert twice for one bout).
   */
  async takeFailingChannels(): Promise<
    { id: string; name: string; code: string; failures: number; last_error_code: string | null; last_error_message: string | null }[]
  > {
    return this.transaction(async (manager) => {
      // One alerting transaction at a time across instances; released at commit.
      await manager.execute("SELECT pg_advisory_xact_lock(hashtext('mkt_failure_alerts'))", [])
      const rows = await manager.execute(...bind(FAILING_CHANNELS, { threshold: this.options.failure_alert_threshold ?? 3 }))
      if (rows.length) {
        await manager.execute(
          ...bind(`UPDATE mkt_channel SET failure_alerted_at = now() WHERE id IN (SELECT jsonb_array_elements_text(:ids::jsonb))`, {
            ids: JSON.stringify(rows.map((r: { id: string }) => r.id)),
          })
        )
      }
      return rows
    })
  }

  /** Rows of the `limit` oldest submissions still waiting for a verdict (whole submissions). */
  async listSubmittedTargets(limit = SUBMISSIONS_PER_CHECK): Promise<(ClaimedTarget & { claim_token: string; submission_id: string })[]> {
    return this.transaction((manager) => manager.execute(...bind(SUBMITTED_TARGETS, { limit })))
  }

  /** Ids of listings whose stock moved in the resync window, in pages (keyset on the id). */
  async listRecentlyMovedListingIds(after: string, limit: number): Promise<string[]> {
    const hours = this.options.resync_window_hours ?? 48
    const since = new Date(Date.now() - hours * 3_600_000)
    const rows: { listing_id: string }[] = await this.transaction((manager) =>
      manager.execute(...bind(RECENTLY_MOVED_LISTINGS, { since: since.toISOString(), after, limit }))
    )
    return rows.map((row) => row.listing_id)
  }

  /** Archives old final rows and prunes old archived ones, as the plugin options say. */
  async archiveSyncRecords(now = new Date()): Promise<{ archived: number; pruned: number }> {
    const day = 86_400_000
    const archiveBefore = new Date(now.getTime() - (this.options.sync_log?.archive_after_days ?? 7) * day)
    const pruneBefore = new Date(now.getTime() - (this.options.sync_log?.retention_days ?? 90) * day)
    return this.transaction(async (manager) => {
      const archived = await manager.execute(...bind(ARCHIVE_SYNC_RECORDS, { before: archiveBefore.toISOString() }), "run")
      const pruned = await manager.execute(...bind(PRUNE_SYNC_RECORDS, { before: pruneBefore.toISOString() }), "run")
      return { archived: affected(archived), pruned: affected(pruned) }
    })
  }

  /** Per listing, its Success and Submitted sync rows on the channel created since `since`. */
  async countRevisions(channelId: string, listingIds: string[], since: Date): Promise<Map<string, number>> {
    if (!listingIds.length) {
      return new Map()
    }
    const rows: { listing_id: string; n: number }[] = await this.transaction((manager) =>
      manager.execute(...bind(COUNT_REVISIONS, { channel_id: channelId, listing_ids: JSON.stringify(listingIds), since: since.toISOString() }))
    )
    return new Map(rows.map((r) => [r.listing_id, Number(r.n)]))
  }

  /** The earliest moment a row of the channel waiting for a retry may be pushed, if any. */
  async nextRetryAt(channelId: string): Promise<Date | null> {
    const [row] = await this.transaction((manager) => manager.execute(...bind(NEXT_RETRY_AT, { channel_id: channelId })))
    return row?.at ? new Date(row.at) : null
  }

  /**
   * A transaction retried when PostgreSQL aborts it for a deadlock or a serialization failure
   * (the statements lock in sorted order, so this is rare; it must still never lose a mark).
   */
  private transaction<T>(task: (manager: Manager) => Promise<T>, sharedContext?: Context): Promise<T> {
    if (sharedContext?.transactionManager) {
      // Inside the caller's transaction: a deadlock aborts it, and only the caller can retry.
      return this.repository.transaction(task, sharedContext)
    }
    return withRetriedTransaction(this.repository, task)
  }
}

/** Submissions one check reads (each with all its rows). */
export const SUBMISSIONS_PER_CHECK = 200

/** Row count of a "run" statement, whatever shape the driver reports it in. */
const affected = (result: unknown) => Number((result as { affectedRows?: number; rowCount?: number })?.affectedRows ?? (result as { rowCount?: number })?.rowCount ?? 0)
