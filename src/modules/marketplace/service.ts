import type { Context, Logger } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { AbstractMarketplaceProvider, ChannelContext, CredentialField, SettingField, SettingValue } from "../../lib/provider"
import type { PartialRules } from "../../lib/quantity"
import type { ListingQuantity } from "../../lib/stock/load-listing-quantities"
import { CIPHER_KEY } from "./loaders/encryption"
import {
  Channel,
  ChannelLocation,
  ExportJob,
  Listing,
  ListingTarget,
  MarketplaceProvider,
  Reconciliation,
  ReconciliationRow,
  SyncCursor,
  JobTick,
  SyncRecord,
  ChannelOrder,
  WebhookEvent,
} from "./models"
import {
  MarketplaceModuleOptions,
  PROVIDER_IDS_KEY,
  providerRegistrationKey,
} from "./types"
import { CredentialsCipher, maskSecret } from "./utils/credentials-cipher"
import { Flusher, type QuantitySource } from "./utils/flusher"
import { type ClaimedRow, type Manager, type MarkOptions, Outbox, type Recomputed, type Repository, type Settlement, type SyncTrigger } from "./utils/outbox"
import { ReconciliationStore, type ReconciliationRowInput } from "./utils/reconciliation-store"
import { ChannelOrderStore } from "./utils/channel-order-store"
import { ListingMatchStore } from "./utils/listing-match-store"

export type { ClaimedRow, ClaimedTarget, MarkOptions, Recomputed, Settlement, SyncTrigger } from "./utils/outbox"
export type { QuantitySource } from "./utils/flusher"
export type { ChannelOrderRow, StoredOrderLine, HeldReservation, ClaimInput } from "./utils/channel-order-store"

type Cradle = Record<string, unknown>

/**
 * Owns every table of the plugin. Besides the generated CRUD it keeps the invariants that need
 * module-private state: the provider registry, credential encryption, and the sync outbox and its
 * flusher (SQL in utils/outbox.ts).
 */
class MarketplaceModuleService extends MedusaService({
  Channel,
  ChannelLocation,
  Listing,
  ListingTarget,
  SyncRecord,
  MarketplaceProvider,
  ExportJob,
  Reconciliation,
  ReconciliationRow,
  SyncCursor,
  JobTick,
  ChannelOrder,
  WebhookEvent,
}) {
  protected readonly cradle_: Cradle
  protected readonly options_: MarketplaceModuleOptions
  protected readonly flusher_: Flusher
  protected readonly outbox_: Outbox
  protected readonly sqlRepository_: Repository
  protected readonly reconciliations_: ReconciliationStore
  /** Channel orders' state changes and webhook event ids (SQL in utils/channel-order-store.ts). */
  readonly channelOrders: ChannelOrderStore
  /** Catalogue import and matching writes (SQL in utils/listing-match-store.ts). */
  readonly matching: ListingMatchStore
  protected quantitySource_: QuantitySource | null = null

  constructor(cradle: Cradle, options?: MarketplaceModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.cradle_ = cradle
    this.options_ = options ?? {}
    this.sqlRepository_ = { transaction: (task, context) => this.runSql(task, context) }
    this.outbox_ = new Outbox(this.sqlRepository_, this.options_)
    this.reconciliations_ = new ReconciliationStore(this.sqlRepository_)
    this.channelOrders = new ChannelOrderStore(this.sqlRepository_)
    this.matching = new ListingMatchStore(this.sqlRepository_)
    this.flusher_ = new Flusher(this, cradle.logger as Logger, this.options_.flush)
  }

  __hooks = {
    onApplicationPrepareShutdown: async () => {
      await this.flusher_.stop()
    },
  }

  /**
   * Stores freshly computed quantities and marks due, in the same transaction, every target the
   * channel was not told yet (see Outbox.markTargets); then asks for a flush.
   */
  async markTargets(quantities: ListingQuantity[], trigger: SyncTrigger, options: MarkOptions = {}, sharedContext?: Context) {
    const result = await this.outbox_.markTargets(quantities, trigger, options, sharedContext)
    this.flusher_.request(result.channel_ids)
    return result
  }

  /**
   * Where the push reads fresh quantities from. The module cannot read Medusa's stock itself
   * (modules are isolated), so the app layer hands it the quantity formula over the inventory
   * module (`src/lib/pipeline`); the first caller wires it, later calls change nothing.
   */
  useQuantitySource(source: QuantitySource): void {
    this.quantitySource_ ??= source
  }

  quantitySource(): QuantitySource | null {
    return this.quantitySource_
  }

  claimDueTargets(input: Parameters<Outbox["claimDueTargets"]>[0]) {
    return this.outbox_.claimDueTargets(input)
  }

  openPush(token: string, claimed: ClaimedRow[], recomputed: Recomputed[], leaseMs?: number) {
    return this.outbox_.openPush(token, claimed, recomputed, leaseMs)
  }

  renewClaims(token: string, ids: string[], leaseMs: number) {
    return this.outbox_.renewClaims(token, ids, leaseMs)
  }

  settleTargets(token: string, settlements: Settlement[]) {
    return this.outbox_.settleTargets(token, settlements)
  }

  listClaimableChannelIds() {
    return this.outbox_.listClaimableChannelIds()
  }

  async channelProviderId(channelId: string): Promise<string> {
    return (await this.retrieveChannel(channelId, { select: ["provider_id"] })).provider_id
  }

  takeFailingChannels() {
    return this.outbox_.takeFailingChannels()
  }

  listSubmittedTargets(limit?: number) {
    return this.outbox_.listSubmittedTargets(limit)
  }

  listRecentlyMovedListingIds(after: string, limit: number) {
    return this.outbox_.listRecentlyMovedListingIds(after, limit)
  }

  archiveSyncRecords(now?: Date) {
    return this.outbox_.archiveSyncRecords(now)
  }

  nextRetryAt(channelId: string) {
    return this.outbox_.nextRetryAt(channelId)
  }

  /** Per listing, the pushes of it the channel took since `since` (a daily revision cap's count). */
  countRevisions(channelId: string, listingIds: string[], since: Date) {
    return this.outbox_.countRevisions(channelId, listingIds, since)
  }

  /** Starts a pending reconciliation run; false when another process started it first. */
  claimReconciliation(id: string): Promise<boolean> {
    return this.reconciliations_.claim(id)
  }

  insertReconciliationRows(reconciliationId: string, rows: ReconciliationRowInput[]): Promise<void> {
    return this.reconciliations_.insertRows(reconciliationId, rows)
  }

  countReconciliationRows(reconciliationId: string): Promise<Record<string, number>> {
    return this.reconciliations_.countRows(reconciliationId)
  }

  /** Force Reconcile's per-channel cooldown: the slot, or false while it cools down. */
  takeForceReconcileSlot(channelId: string) {
    return this.reconciliations_.takeForceSlot(channelId)
  }

  giveBackForceReconcileSlot(channelId: string, previous: Date | null) {
    return this.reconciliations_.giveBackForceSlot(channelId, previous)
  }

  /**
   * The one door to the module's raw SQL (the outbox, sync log and reconciliation statements that
   * the benchmarks need set-based): runs `task` with the transaction's entity manager, through
   * Medusa's public transaction API. Given a shared context that already holds a transaction (a
   * workflow step's), the task joins it instead of opening its own.
   */
  @InjectTransactionManager()
  async runSql<T>(task: (manager: Manager) => Promise<T>, @MedusaContext() sharedContext: Context = {}): Promise<T> {
    return task(sharedContext.transactionManager as Manager)
  }

  /** The module's knex instance (MikroORM's, from the context's manager), for rate-limiter-flexible's PostgreSQL store. */
  @InjectManager()
  async sqlClient(@MedusaContext() sharedContext: Context = {}): Promise<unknown> {
    return (sharedContext.manager as unknown as { getKnex(): unknown }).getKnex()
  }

  /** Starts a pending export; false when another process started it first. */
  async claimExport(id: string): Promise<boolean> {
    const rows = await this.sqlRepository_.transaction((manager) =>
      manager.execute(
        `update mkt_export set started_at = now(), updated_at = now()
          where id = ? and status = 'pending' and started_at is null and deleted_at is null
          returning id`,
        [id]
      )
    )
    return rows.length > 0
  }

  /** Exports still pending after `exports.stale_after_minutes` (their process died) become failed. */
  async failStaleExports(now = new Date()): Promise<number> {
    const minutes = this.options_.exports?.stale_after_minutes ?? 30
    const rows = await this.sqlRepository_.transaction((manager) =>
      manager.execute(
        `update mkt_export
            set status = 'failed', error_message = 'the export stopped before it finished', completed_at = ?, updated_at = ?
          where status = 'pending' and deleted_at is null and created_at < ?::timestamptz - make_interval(mins => ?)
          returning id`,
        [now, now, now, minutes]
      )
    )
    return rows.length
  }

  /**
   * Reconciliation runs whose process died: still running with no progress for
   * `reconcile.stale_after_minutes` (15), or never started after twice that, become failed.
   */
  async failStaleReconciliations(now = new Date()): Promise<number> {
    const minutes = this.options_.reconcile?.stale_after_minutes ?? 15
    const rows = await this.sqlRepository_.transaction((manager) =>
      manager.execute(
        `update mkt_reconciliation
            set status = 'failed', error_message = 'the run stopped before it finished (its process ended)', completed_at = ?, updated_at = ?
          where deleted_at is null
            and ((status = 'running' and updated_at < ?::timestamptz - make_interval(mins => ?))
              or (status = 'pending' and created_at < ?::timestamptz - make_interval(mins => ?)))
          returning id`,
        [now, now, now, minutes, now, minutes * 2]
      )
    )
    return rows.length
  }

  /**
   * Records that this instance runs `job` for `tick`; false when another execution of the same
   * tick was recorded first (it is counted, and the caller skips the work). Ticks older than a
   * day are pruned on the hour.
   */
  async takeJobTick(job: string, tick: Date, instance: string): Promise<boolean> {
    const [row] = await this.sqlRepository_.transaction(async (manager) => {
      if (tick.getUTCMinutes() === 0 && tick.getUTCSeconds() === 0) {
        await manager.execute(`delete from mkt_job_tick where job = ? and tick < ?::timestamptz - interval '1 day'`, [job, tick])
      }
      return manager.execute(
        `insert into mkt_job_tick (id, job, tick, instance, executions, created_at, updated_at)
         values (?, ?, ?, ?, 1, now(), now())
         on conflict (id) do update set executions = mkt_job_tick.executions + 1, updated_at = now()
         returning executions`,
        [`${job}@${tick.toISOString()}`, job, tick, instance]
      )
    })
    return Number(row?.executions) === 1
  }

  /** The newest sync record of each listing, in one query (the variant widget, listings with include_sync). */
  async latestSyncRecords(listingIds: string[]) {
    if (!listingIds.length) {
      return []
    }
    return this.sqlRepository_.transaction((manager) =>
      manager.execute(
        `select distinct on (listing_id) id, listing_id, status, quantity, error_code, error_message, created_at
           from mkt_sync_record
          where deleted_at is null and listing_id in (select jsonb_array_elements_text(?::jsonb))
          order by listing_id, created_at desc, id desc`,
        [JSON.stringify(listingIds)]
      )
    ) as Promise<{ id: string; listing_id: string; status: string; quantity: number; error_code: string | null; error_message: string | null; created_at: Date }[]>
  }

  /**
   * Starts, without waiting for them, the lanes of every channel with rows nobody holds (the
   * backstop job): the job then ends at once, so a slow round never makes the scheduler skip
   * the next tick. Returns the channels started.
   */
  async startClaimableLanes(): Promise<string[]> {
    const ids = await this.outbox_.listClaimableChannelIds()
    this.flusher_.request(ids, 0)
    return ids
  }

  /** Flush these channels soon (after the coalescing window). */
  requestFlush(channelIds: string[], delayMs?: number): void {
    this.flusher_.request(channelIds, delayMs)
  }

  /**
   * Flushes now until nothing due is left: every channel with claimable rows (rows nobody holds,
   * or whose holder's lease ran out), or the given ones. Tests, "sync now", the backstop job.
   */
  async flushNow(channelIds?: string[]): Promise<void> {
    await this.flusher_.run(channelIds)
  }

  /** Reads asynchronous channels' verdicts on submitted pushes now (tests, the check job). */
  async checkSubmissionsNow(): Promise<number> {
    return this.flusher_.checkSubmissions()
  }

  getReconcileOptions(): NonNullable<MarketplaceModuleOptions["reconcile"]> {
    return this.options_.reconcile ?? {}
  }

  getDefaultRules(): PartialRules {
    return this.options_.default_rules ?? {}
  }

  registeredProviderIds(): string[] {
    return (this.cradle_[PROVIDER_IDS_KEY] as string[] | undefined) ?? []
  }

  getProvider(providerId: string): AbstractMarketplaceProvider {
    if (!this.registeredProviderIds().includes(providerId)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Marketplace provider "${providerId}" is not registered; add it to the plugin's providers option`
      )
    }
    return this.cradle_[providerRegistrationKey(providerId)] as AbstractMarketplaceProvider
  }

  /** The channel settings a provider declares; none when it is not registered in this process. */
  providerSettingFields(providerId: string): SettingField[] {
    return this.registeredProviderIds().includes(providerId) ? this.getProvider(providerId).settingFields() : []
  }

  /**
   * Checks settings an admin entered against the provider (400 naming `settings.<name>`) and
   * returns what to store: the stored values with the new ones over them. Defaults are not
   * stored, so a changed default reaches channels that never set the value.
   */
  checkSettings(providerId: string, settings: Record<string, unknown>, stored: Record<string, unknown> | null = null): Record<string, SettingValue> {
    const provider = this.getProvider(providerId)
    provider.validateSettings(settings, stored ?? {})
    const names = new Set(provider.settingFields().map((field) => field.name))
    return Object.fromEntries(
      Object.entries({ ...(stored ?? {}), ...settings }).filter(([name]) => names.has(name))
    ) as Record<string, SettingValue>
  }

  /** A channel's settings with defaults filled in, and what its page should warn about. */
  describeSettings(providerId: string, stored: Record<string, unknown> | null): { settings: Record<string, SettingValue>; warnings: string[] } {
    if (!this.registeredProviderIds().includes(providerId)) {
      return { settings: {}, warnings: [] }
    }
    const provider = this.getProvider(providerId)
    const settings = provider.resolveSettings(stored)
    return { settings, warnings: provider.channelWarnings(settings) }
  }

  /** Validates credentials against the provider and returns their ciphertext. */
  sealCredentials(providerId: string, credentials: Record<string, unknown>): string {
    const clean = this.getProvider(providerId).validateCredentials(credentials)
    return this.cipher().encrypt(clean)
  }

  /** Masked view of stored credentials: secret fields show only their last characters. */
  maskCredentials(providerId: string, sealed: string | null): Record<string, string> | null {
    if (!sealed) {
      return null
    }
    let fields: CredentialField[] = []
    try {
      fields = this.getProvider(providerId).credentialFields()
    } catch {
      // provider no longer configured: mask everything
    }
    let plain: Record<string, string>
    try {
      plain = this.cipher().decrypt(sealed)
    } catch {
      return { error: "credentials cannot be decrypted with the current key" }
    }
    return Object.fromEntries(
      Object.entries(plain).map(([name, value]) => {
        const field = fields.find((f) => f.name === name)
        return [name, field && !field.secret ? value : maskSecret(value)]
      })
    )
  }

  /** Everything a provider call needs for one channel; credentials decrypted in memory only. */
  async getChannelContext(channelId: string): Promise<ChannelContext> {
    const channel = await this.retrieveChannel(channelId, {
      select: ["id", "code", "provider_id", "credentials_encrypted", "settings"],
    })
    return {
      channel_id: channel.id,
      channel_code: channel.code,
      credentials: channel.credentials_encrypted ? this.cipher().decrypt(channel.credentials_encrypted) : {},
      settings: this.getProvider(channel.provider_id).resolveSettings(channel.settings as Record<string, unknown> | null),
    }
  }

  protected cipher(): CredentialsCipher {
    return this.cradle_[CIPHER_KEY] as CredentialsCipher
  }
}

export default MarketplaceModuleService
