import { MedusaError } from "@medusajs/framework/utils"
import {
  AbstractMarketplaceProvider,
  type CatalogueEntry,
  type ChannelCapabilities,
  type ChannelContext,
  ChannelError,
  type ChannelOrder,
  type ChannelOrderStatus,
  type ChannelQuantity,
  checkBaseUrlOption,
  type ConnectionResult,
  type CredentialField,
  type Page,
  type PushItemResult,
  type PushResult,
  type QuantityUpdate,
  type SettingField,
  type SubmissionStatus,
  type SubmittedItem,
  toChannelError,
} from "../../lib/provider"
import { AmazonClient, type AmazonHttp, type AmazonRegion, REGION_HOSTS } from "./client"
import { AmazonFeeds, FEED_POLL_MIN_MS } from "./feed-sync"
import { decodeSubmission, MAX_FEED_MESSAGES, type PatchSubmission, patchSubmissionId, QUANTITY_PATH } from "./feeds"
import {
  type AmazonCredentials,
  AmazonListings,
  credentialsOf,
  defaultQuantity,
  FBA_MESSAGE,
  isFba,
  ISSUE_LOCALE,
  LISTINGS,
  type ListingsItem,
  PAGE_SIZE,
  skuNotFound,
  splitIds,
} from "./listings"

export { FBA_MESSAGE }

/**
 * Most updates one push takes. Pushes from `feed_threshold` SKUs on go as one JSON_LISTINGS_FEED,
 * and a feed slot is scarce (5 per 5 minutes), so a big stock count should reach us as one call:
 * 10,000 is what the feed schema allowed until January 2026 (25,000 since), 50,000 SKUs per 5
 * minutes at 5 feeds, and one flusher round's claim and settle stay that size.
 */
const MAX_BATCH_SIZE = 10_000
const DEFAULT_TIMEOUT_MS = 15_000
/** An ACCEPTED patch not visible after this long is reported as failed (transient: push again). */
export const APPLY_DEADLINE_MS = 15 * 60_000
export const DEFAULT_FEED_THRESHOLD = 50
/** The push budget is patchListingsItem's 5/s: a patch costs one point per marketplace. */
const PUSH_BUDGET = { points: 5, per_ms: 1_000 }
/**
 * A feed's three calls draw on plans of their own, not on the patch budget; it costs the whole
 * window so that a round never fires two feeds in one second. Its real cap, 5 per 5 minutes, is
 * one a per-second budget cannot hold: the client's FEED_WINDOW keeps it, and refuses the push
 * as rate_limited (the flusher then pauses the channel's budget for every instance).
 */
const FEED_COST = PUSH_BUDGET.points
/** patchListingsItem (and getListingsItem) calls a second at the client's pace: 5/s less its margin. */
const PATCHES_PER_SECOND = 4.5

export type AmazonOptions = {
  region?: AmazonRegion
  /** Replaces the SP-API origin on every call: stand-ins and staging. */
  api_base_url?: string
  /** Replaces the Login with Amazon origin. */
  auth_base_url?: string
  timeout_ms?: number
  /** Shortest wait between two reads of one feed's status (5 s; stand-in tests use less). */
  feed_poll_ms?: number
}

type Issue = { code?: string; message?: string; severity?: string }
type Submission = { sku?: string; status?: string; submissionId?: string; issues?: Issue[] }
type Order = { AmazonOrderId: string; PurchaseDate?: string; LastUpdateDate?: string; OrderStatus?: string; BuyerInfo?: { BuyerEmail?: string }; OrderTotal?: { CurrencyCode?: string } }
type OrderItem = { SellerSKU?: string; QuantityOrdered?: number; ASIN?: string; Title?: string; ItemPrice?: { Amount?: string } }

/**
 * Amazon Selling Partner API. One number per SKU (merchant-fulfilled, `DEFAULT`). Pushes are
 * `async` either way:
 * - below `feed_threshold` updates, `patchListingsItem` per SKU and marketplace (`merge` on
 *   fulfillment_availability), which answers ACCEPTED before the change is applied;
 *   {@link checkSubmission} reads the listing back until it shows the quantity;
 * - from `feed_threshold` on, one JSON_LISTINGS_FEED for all of them and every marketplace
 *   (createFeedDocument, upload, createFeed), every item submitted under one id;
 *   {@link checkSubmission} polls the feed (backing off with its age) and settles each message
 *   from the processing report. When the 5 feeds per 5 minutes are spent, a push that patches
 *   sooner than a slot frees goes by patch; a bigger one is refused as rate_limited for the whole
 *   call with the wait until a slot frees, so its rows retry then.
 *
 * `channel_product_id` is the listing's `productType` (required on every patch and message),
 * looked up once (getListingsItem for a patch, searchListingsItems 20 SKUs a call for a feed) and
 * kept on the listing. FBA listings are `skipped`: Amazon counts their stock. Reads and the
 * catalogue use the first marketplace of `marketplace_ids`.
 */
export class AmazonProvider extends AbstractMarketplaceProvider<AmazonOptions> {
  static identifier = "amazon"
  static displayName = "Amazon"

  static validateOptions(options: Record<string, unknown>): void {
    const region = options?.region
    if (region !== undefined && !(typeof region === "string" && region in REGION_HOSTS)) {
      throw new Error(`amazon provider: option region must be one of ${Object.keys(REGION_HOSTS).join(", ")}, got ${JSON.stringify(region)}`)
    }
    checkBaseUrlOption("amazon", options?.api_base_url)
    try {
      checkBaseUrlOption("amazon", options?.auth_base_url)
    } catch {
      throw new Error(`amazon provider: option auth_base_url must be an http(s) URL, got ${JSON.stringify(options?.auth_base_url)}`)
    }
    for (const name of ["timeout_ms", "feed_poll_ms"]) {
      const value = options?.[name]
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
        throw new Error(`amazon provider: option ${name} must be a positive number, got ${JSON.stringify(value)}`)
      }
    }
  }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    // A stock count of up to 10,000 SKUs is one round, so one call, so one feed.
    round_size: MAX_BATCH_SIZE,
    rate_limit: { requests: 5, per_ms: 1_000 },
    rate_budgets: { push: PUSH_BUDGET },
    per_location: false,
    push_mode: "async",
    read_back: true,
    catalogue: true,
    order_import: true,
    webhooks: false,
    force_reconcile: true,
  }

  protected readonly http: AmazonHttp
  private readonly listings: AmazonListings
  private readonly feedSync: AmazonFeeds

  constructor(cradle: Record<string, unknown>, options: AmazonOptions, http?: AmazonHttp) {
    super(cradle, options)
    this.http =
      http ??
      new AmazonClient({
        region: options?.region ?? "na",
        api_base_url: options?.api_base_url ?? null,
        auth_base_url: options?.auth_base_url ?? null,
        timeout_ms: options?.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      })
    this.listings = new AmazonListings(this.http)
    this.feedSync = new AmazonFeeds(this.http, this.listings, options?.feed_poll_ms ?? FEED_POLL_MIN_MS)
  }

  credentialFields(): CredentialField[] {
    return [
      { name: "seller_id", label: "Seller ID", secret: false, required: true, description: "Merchant token (Seller Central → Settings → Account info → Merchant token)" },
      { name: "marketplace_ids", label: "Marketplace IDs", secret: false, required: true, description: "Comma-separated, e.g. ATVPDKIKX0DER,A2EUQ1WTGCTBG2; quantities are patched in each" },
      { name: "lwa_client_id", label: "LWA client ID", secret: false, required: true, description: "amzn1.application-oa2-client.… of the SP-API app" },
      { name: "lwa_client_secret", label: "LWA client secret", secret: true, required: true },
      { name: "refresh_token", label: "Refresh token", secret: true, required: true, description: "Atzr|… from authorising the app for this seller" },
    ]
  }

  settingFields(): SettingField[] {
    return [
      {
        name: "feed_threshold",
        label: "Feed threshold",
        type: "number",
        default: DEFAULT_FEED_THRESHOLD,
        min: 1,
        max: MAX_FEED_MESSAGES,
        description: "SKUs due at once from which quantities go as one JSON_LISTINGS_FEED instead of one patch each",
      },
    ]
  }

  validateCredentials(credentials: Record<string, unknown>): Record<string, string> {
    const result = super.validateCredentials(credentials)
    const ids = splitIds(result.marketplace_ids)
    if (!ids.length || ids.some((id) => !/^[A-Z0-9]{5,20}$/.test(id))) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "credentials.marketplace_ids must be one or more marketplace ids, comma-separated (e.g. ATVPDKIKX0DER)")
    }
    return { ...result, marketplace_ids: ids.join(",") }
  }

  async testConnection(ctx: ChannelContext): Promise<ConnectionResult> {
    try {
      const creds = credentialsOf(ctx)
      const { body } = await this.http.call<{ payload?: { storeName?: string; marketplace?: { id?: string; name?: string } }[] }>(creds, {
        operation: "getMarketplaceParticipations",
        method: "GET",
        path: "/sellers/v1/marketplaceParticipations",
      })
      const first = body?.payload?.[0]
      return { ok: true, account: first?.storeName || first?.marketplace?.name || null }
    } catch (error) {
      if (error instanceof ChannelError) {
        return { ok: false, error: error.toShape() }
      }
      throw error
    }
  }

  /** Points one push costs: a feed the whole window (FEED_COST), a patch one per update and marketplace. */
  pushCost(updates: QuantityUpdate[], ctx?: ChannelContext): number {
    if (this.route(updates, ctx) === "feed") return FEED_COST
    const marketplaces = splitIds(ctx?.credentials?.marketplace_ids).length
    return Math.max(1, feedable(updates).length * Math.max(1, marketplaces))
  }

  /**
   * Patches below `feed_threshold`, a feed from it on. While this seller's 5 feeds per 5 minutes
   * are spent, a push that patches sooner than a feed slot frees goes by patch; a bigger one
   * stays a feed, which is refused as rate_limited until the slot frees.
   */
  private route(updates: QuantityUpdate[], ctx?: ChannelContext): "patch" | "feed" {
    const sent = feedable(updates)
    if (sent.length < threshold(ctx)) return "patch"
    const wait = ctx?.credentials?.seller_id ? this.http.feedWait(ctx.credentials.seller_id) : 0
    if (!wait) return "feed"
    const calls = sent.length * Math.max(1, splitIds(ctx?.credentials?.marketplace_ids).length) + sent.filter((u) => !u.channel_product_id?.trim()).length
    return (calls / PATCHES_PER_SECOND) * 1_000 < wait ? "patch" : "feed"
  }

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`Amazon takes at most ${MAX_BATCH_SIZE} updates per push, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const creds = credentialsOf(ctx)
    const valid = feedable(updates)
    const taken = new Set(valid)
    const refused = updates.filter((update) => !taken.has(update)).map((update) => refusal(update)!)
    const pushed = this.route(valid, ctx) === "feed" ? await this.feedSync.push(creds, valid) : await this.pushEach(creds, valid)
    return { items: [...refused, ...pushed] }
  }

  /**
   * One patch per update. Refusals are results; a throttle, auth or network failure fails the
   * whole call when it stopped every update, and only its own updates when others got through
   * (so that accepted patches are not sent again).
   */
  private async pushEach(creds: AmazonCredentials, updates: QuantityUpdate[]): Promise<PushItemResult[]> {
    const settled = await Promise.allSettled(updates.map((update) => this.pushOne(creds, update)))
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []))
    if (failures.length && failures.length === settled.length) throw failures[0]
    return settled.map((s, i): PushItemResult =>
      s.status === "fulfilled" ? s.value : { sku: updates[i].sku, location: null, outcome: "error", error: toChannelError(s.reason).toShape() }
    )
  }

  private async pushOne(creds: AmazonCredentials, update: QuantityUpdate): Promise<PushItemResult> {
    const ref = { sku: update.sku, location: null }
    const fail = (error: ChannelError, channel_product_id?: string): PushItemResult => ({ ...ref, outcome: "error", error: error.toShape(), ...(channel_product_id ? { channel_product_id } : {}) })
    let productType = update.channel_product_id?.trim() || null
    let resolved: string | undefined
    if (!productType) {
      const found = await this.listings.lookUp(creds, update.sku)
      if (found.kind === "error") return fail(found.error)
      if (found.kind === "fba") return { ...ref, outcome: "skipped", code: "FULFILLED_BY_AMAZON", message: FBA_MESSAGE }
      productType = resolved = found.productType
    }
    for (const marketplace of creds.marketplace_ids) {
      let submission: Submission
      try {
        ;({ body: submission } = await this.http.call<Submission>(creds, {
          operation: "patchListingsItem",
          method: "PATCH",
          path: `${LISTINGS}/${encodeURIComponent(creds.seller_id)}/${encodeURIComponent(update.sku)}`,
          query: { marketplaceIds: marketplace, issueLocale: ISSUE_LOCALE },
          body: {
            productType,
            patches: [{ op: "merge", path: QUANTITY_PATH, value: [{ fulfillment_channel_code: "DEFAULT", quantity: update.quantity }] }],
          },
        }))
      } catch (error) {
        if (error instanceof ChannelError && error.kind === "not_found") return fail(skuNotFound(update.sku, marketplace), resolved)
        if (error instanceof ChannelError && error.kind === "rejected") return fail(error, resolved)
        throw error
      }
      if (submission?.status !== "ACCEPTED") {
        const issue = submission?.issues?.find((i) => i.severity === "ERROR") ?? submission?.issues?.[0]
        const message = issue?.message ? `Amazon refused the quantity for ${update.sku} in ${marketplace}: ${issue.message}` : `Amazon answered ${submission?.status ?? "nothing"} for ${update.sku} in ${marketplace}`
        // A refused patch may mean a wrong productType: do not hand it back to be kept.
        return fail(ChannelError.rejected(message, issue?.code ?? `LISTINGS_${submission?.status ?? "UNKNOWN"}`))
      }
    }
    const id = patchSubmissionId({ sku: update.sku, m: creds.marketplace_ids, q: update.quantity, t: Date.now() })
    return { ...ref, outcome: "submitted", submission_id: id, ...(resolved ? { channel_product_id: resolved } : {}) }
  }

  async checkSubmission(ctx: ChannelContext, submissionId: string, items: SubmittedItem[] = []): Promise<SubmissionStatus> {
    const submission = decodeSubmission(submissionId)
    const creds = credentialsOf(ctx)
    return submission.kind === "feed" ? this.feedSync.check(creds, submission, items) : this.checkPatch(creds, submission)
  }

  private async checkPatch(creds: AmazonCredentials, pending: PatchSubmission): Promise<SubmissionStatus> {
    const ref = { sku: pending.sku, location: null }
    for (const marketplace of pending.m) {
      let item: ListingsItem
      try {
        ;({ body: item } = await this.listings.getItem(creds, pending.sku, marketplace, "fulfillmentAvailability"))
      } catch (error) {
        if (error instanceof ChannelError && error.kind === "not_found") {
          return { status: "done", items: [{ ...ref, outcome: "error", error: skuNotFound(pending.sku, marketplace).toShape() }] }
        }
        throw error
      }
      const quantity = defaultQuantity(item)
      if (quantity !== pending.q) {
        if (Date.now() - pending.t < APPLY_DEADLINE_MS) return { status: "pending" }
        const error = ChannelError.transient(`Amazon has not applied the quantity after 15 minutes (${pending.sku} in ${marketplace} shows ${quantity ?? "none"}, pushed ${pending.q})`, "NOT_APPLIED")
        return { status: "done", items: [{ ...ref, outcome: "error", error: error.toShape() }] }
      }
    }
    return { status: "done", items: [{ ...ref, outcome: "success", quantity: pending.q }] }
  }

  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    if (page.skus && page.skus.length > PAGE_SIZE) {
      throw ChannelError.rejected(`Amazon reads at most ${PAGE_SIZE} chosen SKUs per page, got ${page.skus.length}`, "TOO_MANY_SKUS")
    }
    const { items, next } = await this.listings.search(credentialsOf(ctx), "summaries,fulfillmentAvailability", page.cursor, page.skus)
    const quantities: ChannelQuantity[] = []
    for (const item of items) {
      const quantity = defaultQuantity(item)
      // FBA listings have no merchant quantity to reconcile.
      if (quantity === null) continue
      quantities.push({ sku: item.sku, location: null, quantity, updated_at: item.summaries?.[0]?.lastUpdatedDate ?? null })
    }
    return { items: quantities, next_cursor: next }
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    const { items, next } = await this.listings.search(credentialsOf(ctx), "summaries,fulfillmentAvailability", page.cursor)
    return {
      items: items.map((item) => {
        const summary = item.summaries?.[0]
        const gtin = item.identifiers?.flatMap((set) => set.identifiers ?? []).find((i) => /^(EAN|UPC|GTIN|JAN|ISBN)$/i.test(i.identifierType ?? ""))?.identifier ?? null
        const live = (summary?.status ?? []).some((s) => s === "BUYABLE" || s === "DISCOVERABLE")
        // No productType kept for an FBA listing: its first push looks it up and skips it.
        const productType = isFba(item) ? null : summary?.productType ?? null
        return { sku: item.sku, channel_product_id: productType, title: summary?.itemName ?? null, gtin, status: summary ? (live ? "active" : "inactive") : null }
      }),
      next_cursor: next,
    }
  }

  async fetchOrders(ctx: ChannelContext, page: { since: string; cursor: string | null }): Promise<Page<ChannelOrder>> {
    const creds = credentialsOf(ctx)
    const { body } = await this.http.call<{ payload?: { Orders?: Order[]; NextToken?: string } }>(creds, {
      operation: "getOrders",
      method: "GET",
      path: "/orders/v0/orders",
      query: page.cursor
        ? { MarketplaceIds: creds.marketplace_ids.join(","), NextToken: page.cursor }
        : { MarketplaceIds: creds.marketplace_ids.join(","), LastUpdatedAfter: new Date(page.since).toISOString() },
    })
    const orders = [...(body?.payload?.Orders ?? [])].sort((a, b) => Date.parse(a.LastUpdateDate ?? "") - Date.parse(b.LastUpdateDate ?? ""))
    const items: ChannelOrder[] = []
    for (const order of orders) {
      const lines: OrderItem[] = []
      let token: string | undefined
      do {
        const answer = await this.http.call<{ payload?: { OrderItems?: OrderItem[]; NextToken?: string } }>(creds, {
          operation: "getOrderItems",
          method: "GET",
          path: `/orders/v0/orders/${encodeURIComponent(order.AmazonOrderId)}/orderItems`,
          query: token ? { NextToken: token } : {},
        })
        lines.push(...(answer.body?.payload?.OrderItems ?? []))
        token = answer.body?.payload?.NextToken || undefined
      } while (token)
      items.push({
        external_id: order.AmazonOrderId,
        created_at: order.PurchaseDate ?? order.LastUpdateDate ?? new Date(0).toISOString(),
        updated_at: order.LastUpdateDate ?? order.PurchaseDate ?? new Date(0).toISOString(),
        status: orderStatus(order.OrderStatus),
        currency_code: order.OrderTotal?.CurrencyCode ?? null,
        email: order.BuyerInfo?.BuyerEmail ?? null,
        lines: lines
          .filter((line) => line.SellerSKU)
          .map((line) => {
            const quantity = Number(line.QuantityOrdered ?? 0)
            const total = line.ItemPrice?.Amount !== undefined ? Number(line.ItemPrice.Amount) : null
            return { sku: line.SellerSKU!, quantity, location: null, channel_product_id: line.ASIN ?? null, title: line.Title ?? null, unit_price: total !== null && quantity > 0 ? total / quantity : null }
          }),
      })
    }
    return { items, next_cursor: body?.payload?.NextToken || null }
  }
}

function orderStatus(status: string | undefined): ChannelOrderStatus {
  return status === "Canceled" ? "cancelled" : status === "Shipped" ? "shipped" : "open"
}





/** Why Amazon cannot take this update at all, before any call; null when it can. */
function refusal(update: QuantityUpdate): PushItemResult | null {
  const fail = (message: string, code: string): PushItemResult => ({ sku: update.sku, location: update.location ?? null, outcome: "error", error: ChannelError.rejected(message, code).toShape() })
  if (update.location) return fail(`Amazon holds one quantity per SKU; this update names location "${update.location}"`, "LOCATION_NOT_SUPPORTED")
  if (!Number.isInteger(update.quantity) || update.quantity < 0) return fail(`Amazon quantities are whole numbers ≥ 0, got ${update.quantity}`, "INVALID_QUANTITY")
  return null
}

function feedable(updates: QuantityUpdate[]): QuantityUpdate[] {
  return updates.filter((update) => !refusal(update))
}

function threshold(ctx: ChannelContext | undefined): number {
  const value = ctx?.settings?.feed_threshold
  return typeof value === "number" && value >= 1 ? value : DEFAULT_FEED_THRESHOLD
}





