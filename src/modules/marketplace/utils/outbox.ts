import { generateEntityId } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import type { ChannelErrorShape } from "../../../lib/provider"
import type { ListingQuantity } from "../../../lib/stock/load-listing-quantities"
import type { MarketplaceModuleOptions } from "../types"
import {
  ARCHIVE_SYNC_RECORDS,
  CLAIM_DUE_TARGETS,
  DROP_STALE_TARGETS,
  FORCE_TARGETS,
  FAILING_CHANNELS,
  MARK_TARGETS,
  NEXT_RETRY_AT,
  PRUNE_SYNC_RECORDS,
  RECENTLY_MOVED_LISTINGS,
  REFRESH_LISTING_SUMMARY,
  SET_RECORD_IDS,
  SETTLE_FAILURE,
  SETTLE_RETRY,
  SETTLE_SUBMITTED,
  SETTLE_SUCCESS,
  SUBMITTED_TARGETS,
} from "./outbox-sql"
import { bind } from "./sql"
import { INSERT_SYNC_RECORDS, RESUME_SYNC_RECORDS, SETTLE_SYNC_RECORDS } from "./sync-record-sql"

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
}

export type Settlement =
  | { target: ClaimedTarget; outcome: "success"; quantity: number }
  | { target: ClaimedTarget; outcome: "submitted"; submission_id: string }
  | { target: ClaimedTarget; outcome: "retry"; error: ChannelErrorShape; attempts: number; next_attempt_at: Date }
  | { target: ClaimedTarget; outcome: "error"; error: ChannelErrorShape; attempts: number }

export type Manager = { execute(sql: string, params?: unknown[], method?: "all" | "get" | "run"): Promise<any> }
export type Repository = { transaction<T>(task: (manager: Manager) => Promise<T>): Promise<T> }

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
    options: MarkOptions = {}
  ): Promise<{ due: number; targets: number }> {
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
      return { due: 0, targets: 0 }
    }
    const listingIds = JSON.stringify(quantities.map((q) => q.listing_id))
    const result = await this.repository.transaction(async (manager) => {
      const marked: { id: string; due_at: Date | null }[] = await manager.execute(
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
      const due = new Set(marked.filter((row) => row.due_at).map((row) => row.id))
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
      }
      await manager.execute(...bind(REFRESH_LISTING_SUMMARY, { listing_ids: listingIds }))
      return { due: due.size, targets: marked.length }
    })
    return result
  }

  /** Claims due rows for one flush round and opens (or continues) their sync records. */
  async claimDueTargets(input: { limit: number; lease_ms: number; channel_id?: string | null }): Promise<{ token: string; targets: ClaimedTarget[] }> {
    const token = randomUUID()
    const targets = await this.repository.transaction(async (manager) => {
      const claimed: (Omit<ClaimedTarget, "record_id"> & { record_id: string | null })[] = await manager.execute(
        ...bind(CLAIM_DUE_TARGETS, { limit: input.limit, token, lease_s: input.lease_ms / 1_000, channel_id: input.channel_id ?? null })
      )
      if (!claimed.length) {
        return []
      }
      const fresh = claimed.filter((t) => !t.record_id)
      const recordByTarget = new Map(fresh.map((t) => [t.id, generateEntityId(undefined, "msync")]))
      if (fresh.length) {
        await manager.execute(
          ...bind(INSERT_SYNC_RECORDS, {
            rows: JSON.stringify(
              fresh.map((t) => ({
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
      }
      const continuing = claimed.filter((t) => t.record_id)
      if (continuing.length) {
        await manager.execute(
          ...bind(RESUME_SYNC_RECORDS, {
            rows: JSON.stringify(
              continuing.map((t) => ({ id: t.record_id, quantity: t.desired_quantity, breakdown: t.breakdown ?? {}, attempts: t.attempts }))
            ),
          })
        )
      }
      if (fresh.length) {
        await manager.execute(
          ...bind(SET_RECORD_IDS, { rows: JSON.stringify(fresh.map((t) => ({ id: t.id, record_id: recordByTarget.get(t.id) }))), token })
        )
      }
      return claimed.map((t) => ({ ...t, record_id: t.record_id ?? recordByTarget.get(t.id)! }))
    })
    return { token, targets }
  }

  /** Writes push results to the outbox rows (only those this claim still holds) and the sync log. */
  async settleTargets(token: string, settlements: Settlement[]): Promise<void> {
    if (!settlements.length) {
      return
    }
    const now = new Date()
    const of = <K extends Settlement["outcome"]>(outcome: K) =>
      settlements.filter((s): s is Extract<Settlement, { outcome: K }> => s.outcome === outcome)
    await this.repository.transaction(async (manager) => {
      const success = of("success")
      if (success.length) {
        await manager.execute(...bind(SETTLE_SUCCESS, { rows: JSON.stringify(success.map((s) => ({ id: s.target.id, quantity: s.quantity }))), token }))
      }
      const failed = of("error")
      if (failed.length) {
        await manager.execute(
          ...bind(SETTLE_FAILURE, { rows: JSON.stringify(failed.map((s) => ({ id: s.target.id, quantity: s.target.desired_quantity }))), token })
        )
      }
      const retry = of("retry")
      if (retry.length) {
        await manager.execute(
          ...bind(SETTLE_RETRY, {
            rows: JSON.stringify(retry.map((s) => ({ id: s.target.id, attempts: s.attempts, next_attempt_at: s.next_attempt_at.toISOString() }))),
            token,
          })
        )
      }
      const submitted = of("submitted")
      if (submitted.length) {
        await manager.execute(...bind(SETTLE_SUBMITTED, { rows: JSON.stringify(submitted.map((s) => ({ id: s.target.id }))), token }))
      }
      await manager.execute(
        ...bind(SETTLE_SYNC_RECORDS, { rows: JSON.stringify(settlements.map(recordUpdate)), now: now.toISOString() })
      )
      await manager.execute(...bind(REFRESH_LISTING_SUMMARY, { listing_ids: JSON.stringify([...new Set(settlements.map((s) => s.target.listing_id))]) }))
    })
  }

  /**
   * Channels that kept failing since admins were last told, and records that they are being told
   * now (in the same transaction, so that two instances never alert twice for one bout).
   */
  async takeFailingChannels(): Promise<
    { id: string; name: string; code: string; failures: number; last_error_code: string | null; last_error_message: string | null }[]
  > {
    return this.repository.transaction(async (manager) => {
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

  /** Rows whose push an asynchronous channel accepted and has not judged yet. */
  async listSubmittedTargets(limit = 1_000): Promise<(ClaimedTarget & { claim_token: string; submission_id: string })[]> {
    return this.repository.transaction((manager) => manager.execute(...bind(SUBMITTED_TARGETS, { limit })))
  }

  /** Ids of listings whose stock moved in the resync window, in pages (keyset on the id). */
  async listRecentlyMovedListingIds(after: string, limit: number): Promise<string[]> {
    const hours = this.options.resync_window_hours ?? 48
    const since = new Date(Date.now() - hours * 3_600_000)
    const rows: { listing_id: string }[] = await this.repository.transaction((manager) =>
      manager.execute(...bind(RECENTLY_MOVED_LISTINGS, { since: since.toISOString(), after, limit }))
    )
    return rows.map((row) => row.listing_id)
  }

  /** Archives old final rows and prunes old archived ones, as the plugin options say. */
  async archiveSyncRecords(now = new Date()): Promise<{ archived: number; pruned: number }> {
    const day = 86_400_000
    const archiveBefore = new Date(now.getTime() - (this.options.sync_log?.archive_after_days ?? 7) * day)
    const pruneBefore = new Date(now.getTime() - (this.options.sync_log?.retention_days ?? 90) * day)
    return this.repository.transaction(async (manager) => {
      const archived = await manager.execute(...bind(ARCHIVE_SYNC_RECORDS, { before: archiveBefore.toISOString() }), "run")
      const pruned = await manager.execute(...bind(PRUNE_SYNC_RECORDS, { before: pruneBefore.toISOString() }), "run")
      return { archived: affected(archived), pruned: affected(pruned) }
    })
  }

  /** The earliest moment a row waiting for a retry may be pushed, if any. */
  async nextRetryAt(): Promise<Date | null> {
    const [row] = await this.repository.transaction((manager) => manager.execute(NEXT_RETRY_AT, []))
    return row?.at ? new Date(row.at) : null
  }
}

/** Row count of a "run" statement, whatever shape the driver reports it in. */
const affected = (result: unknown) => Number((result as { affectedRows?: number; rowCount?: number })?.affectedRows ?? (result as { rowCount?: number })?.rowCount ?? 0)

/** The code shown in the sync log: the channel's own code, else the error kind. */
const errorCode = (error: ChannelErrorShape) => error.code ?? error.kind.toUpperCase()

/** What a settlement changes on its sync record (see SETTLE_SYNC_RECORDS; null keeps a column). */
function recordUpdate(s: Settlement) {
  const base = { id: s.target.record_id, status: null, quantity: null, attempts: null, set_error: false, error_code: null, error_message: null, submission_id: null, submitted: false, completed: false }
  switch (s.outcome) {
    case "success":
      return { ...base, status: "success", quantity: s.quantity, set_error: true, completed: true }
    case "submitted":
      return { ...base, status: "submitted", submission_id: s.submission_id, submitted: true }
    case "retry":
      return { ...base, attempts: s.attempts, set_error: true, error_code: errorCode(s.error), error_message: s.error.message }
    case "error":
      return { ...base, status: "error", attempts: s.attempts, set_error: true, error_code: errorCode(s.error), error_message: s.error.message, completed: true }
  }
}
