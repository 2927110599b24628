import { MedusaError } from "@medusajs/framework/utils"
import {
  AbstractMarketplaceProvider,
  CatalogueEntry,
  ChannelCapabilities,
  ChannelContext,
  ChannelError,
  ChannelOrder,
  ChannelOrderStatus,
  ChannelQuantity,
  checkBaseUrlOption,
  ConnectionResult,
  CredentialField,
  Page,
  PushItemResult,
  PushResult,
  QuantityUpdate,
  SettingField,
  SettingValue,
} from "../../lib/provider"
import { EbayClient, EbayHttp, FULFILLMENT_PATH, INVENTORY_PATH } from "./client"
import { EBAY_DAY_TIME_ZONE, type ItemResponse, LISTING_ENDED_NOTE, listingEnded, mapItemError, REVISIONS_PER_DAY } from "./errors"
import type { EbayAppCredentials } from "./oauth"
import { effectiveQuantity, onlyEnded, readOffers, type SkuOffers } from "./offers"

/** bulkUpdatePriceQuantity and bulkGetInventoryItem take at most 25 entries. */
const MAX_BATCH_SIZE = 25
/** The catalogue walk reads no offers, so it takes getInventoryItems' pages of 100. */
const CATALOGUE_PAGE_SIZE = 100
/** A read-back page also reads each SKU's offers (no bulk form): 25 keeps a page to 1 + 25 calls. */
const READ_PAGE_SIZE = 25
/**
 * Revisions of a listing kept for decreases once a day's cap nears (the pipeline then holds
 * increases back): a fifth of the 250, about an hour of sales on a listing revised every few
 * minutes all day, with room for the revisions made outside this plugin that eBay counts too.
 */
const REVISION_RESERVE = 50
const ORDER_PAGE_SIZE = 50
const DEFAULT_TIMEOUT_MS = 15_000

/** Marketplace ids the Sell APIs accept (MarketplaceIdEnum). */
export const EBAY_MARKETPLACE_IDS = [
  "EBAY_US", "EBAY_MOTORS_US", "EBAY_CA", "EBAY_GB", "EBAY_AU", "EBAY_AT", "EBAY_BE", "EBAY_CH", "EBAY_CZ", "EBAY_DE", "EBAY_DK",
  "EBAY_ES", "EBAY_FI", "EBAY_FR", "EBAY_GR", "EBAY_HK", "EBAY_HU", "EBAY_IE", "EBAY_IL", "EBAY_IN", "EBAY_IT", "EBAY_JP", "EBAY_MY",
  "EBAY_NL", "EBAY_NO", "EBAY_NZ", "EBAY_PE", "EBAY_PH", "EBAY_PL", "EBAY_PR", "EBAY_PT", "EBAY_QA", "EBAY_RU", "EBAY_SE", "EBAY_SG",
  "EBAY_TH", "EBAY_TW", "EBAY_VN", "EBAY_ZA",
]

export type EbayOptions = {
  /** Replaces https://api.ebay.com (API and token endpoint): stand-ins, staging, the sandbox host. */
  api_base_url?: string
  timeout_ms?: number
  /**
   * Also set `availableQuantity` on the SKU's published offers. Off by default: the offers then
   * carry no quantity of their own and the inventory item's quantity governs (channels.md §3.2).
   */
  offer_governs?: boolean
}

/** The channel setting saying the seller turned Out-of-Stock Control on in eBay. */
export const OUT_OF_STOCK_CONTROL = "out_of_stock_control"

type BulkUpdateAnswer = { responses?: ItemResponse[] }
type InventoryItem = {
  sku?: string
  availability?: { shipToLocationAvailability?: { quantity?: number } }
  product?: { title?: string; ean?: string[]; upc?: string[]; isbn?: string[] }
}
type InventoryPage = { total?: number; size?: number; limit?: number; next?: string; inventoryItems?: InventoryItem[] }
type BulkGetAnswer = { responses?: { statusCode?: number; sku?: string; inventoryItem?: InventoryItem }[] }
type EbayOrder = {
  orderId: string
  creationDate?: string
  lastModifiedDate?: string
  orderFulfillmentStatus?: string
  cancelStatus?: { cancelState?: string }
  pricingSummary?: { total?: { currency?: string } }
  buyer?: { buyerRegistrationAddress?: { email?: string } }
  lineItems?: { sku?: string; title?: string; quantity?: number; lineItemCost?: { value?: string; currency?: string } }[]
}
type OrdersPage = { total?: number; limit?: number; offset?: number; next?: string; orders?: EbayOrder[] }

/**
 * eBay (Sell Inventory API v1 for quantities, Sell Fulfillment API v1 for orders). One number per
 * SKU: the inventory item's ship-to-home quantity, written with bulkUpdatePriceQuantity, one SKU
 * per request entry and 25 entries a call; never createOrReplaceInventoryItem, which replaces the
 * whole item. 200 and 207 answers are settled SKU by SKU.
 *
 * Zero and ended listings: a 0 is always pushed as 0. Without Out-of-Stock Control (a channel
 * setting: the seller turns it on in eBay) eBay ends the listing, and the push says so in a note.
 * A raise from a known 0 reads the SKU's offers first (only then: other pushes cost no extra
 * call); when all its listings ended, the item still takes the quantity but the result is a
 * LISTING_ENDED rejection telling the merchant to relist.
 */
export class EbayProvider extends AbstractMarketplaceProvider<EbayOptions> {
  static identifier = "ebay"
  static displayName = "eBay"

  static validateOptions(options: Record<string, unknown>): void {
    checkBaseUrlOption("ebay", options?.api_base_url)
    const timeout = options?.timeout_ms
    if (timeout !== undefined && (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0)) {
      throw new Error(`ebay provider: option timeout_ms must be a positive number, got ${JSON.stringify(timeout)}`)
    }
    if (options?.offer_governs !== undefined && typeof options.offer_governs !== "boolean") {
      throw new Error(`ebay provider: option offer_governs must be a boolean, got ${JSON.stringify(options.offer_governs)}`)
    }
    if (options?.out_of_stock_control !== undefined) {
      // It moved: each eBay account has its own preference, so it is a setting of each channel.
      throw new Error("ebay provider: option out_of_stock_control is now the channel setting \"Out-of-Stock Control\"; remove it from the provider options")
    }
  }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    rate_limit: { requests: 5, per_ms: 1_000 },
    per_location: false,
    push_mode: "sync",
    read_back: true,
    catalogue: true,
    order_import: true,
    webhooks: false,
    force_reconcile: true,
    revision_cap: { per_day: REVISIONS_PER_DAY, reserve: REVISION_RESERVE, time_zone: EBAY_DAY_TIME_ZONE },
  }

  protected readonly http: EbayHttp
  /** When "today" ends for the revision cap; a test may replace it. */
  protected now: () => number = () => Date.now()

  constructor(cradle: Record<string, unknown>, options: EbayOptions, http?: EbayHttp) {
    super(cradle, options)
    this.http = http ?? new EbayClient({ api_base_url: options?.api_base_url ?? null, timeout_ms: options?.timeout_ms ?? DEFAULT_TIMEOUT_MS })
  }

  settingFields(): SettingField[] {
    return [
      {
        name: OUT_OF_STOCK_CONTROL,
        label: "Out-of-Stock Control is on for this eBay account",
        type: "boolean",
        default: false,
        description:
          "Tick this once it is on in eBay: Seller Hub → Overview → Shortcuts → Site Preferences → Selling preferences → \"Use the out-of-stock option\" (Trading API: SetUserPreferences with OutOfStockControlPreference true). With it, a listing pushed to 0 stays alive, hidden from search, and returns with its history when stock does; without it eBay ends the listing at 0.",
      },
    ]
  }

  channelWarnings(settings: Record<string, SettingValue>): string[] {
    if (settings[OUT_OF_STOCK_CONTROL] === true) {
      return []
    }
    return [
      "Out-of-Stock Control is off: eBay ends a fixed-price listing whose quantity is pushed to 0, and when stock returns the listing stays ended until you relist it in Seller Hub (then Force Push it here). Turn on \"Use the out-of-stock option\" in eBay's Site Preferences, then this channel's Out-of-Stock Control setting, to keep listings alive and hidden at 0.",
    ]
  }

  credentialFields(): CredentialField[] {
    return [
      { name: "client_id", label: "App ID (Client ID)", secret: false, required: true, description: "From developer.ebay.com → Application Keys (production keyset)" },
      { name: "client_secret", label: "Cert ID (Client Secret)", secret: true, required: true },
      { name: "refresh_token", label: "User refresh token", secret: true, required: true, description: "From the authorization-code grant with the sell.inventory and sell.fulfillment scopes (valid about 18 months)" },
      { name: "marketplace_id", label: "Marketplace", secret: false, required: true, description: "e.g. EBAY_US, EBAY_GB, EBAY_DE" },
    ]
  }

  validateCredentials(credentials: Record<string, unknown>): Record<string, string> {
    const result = super.validateCredentials(credentials)
    const marketplace = result.marketplace_id.trim().toUpperCase()
    if (!EBAY_MARKETPLACE_IDS.includes(marketplace)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `credentials.marketplace_id must be an eBay marketplace id such as EBAY_US, got "${result.marketplace_id}"`)
    }
    return { ...result, marketplace_id: marketplace }
  }

  async testConnection(ctx: ChannelContext): Promise<ConnectionResult> {
    try {
      const creds = credentialsOf(ctx)
      await this.http.token(creds)
      await this.http.call(creds, { method: "GET", path: `${INVENTORY_PATH}/inventory_item?limit=1` })
      return { ok: true, account: `eBay ${ctx.credentials.marketplace_id}` }
    } catch (error) {
      if (error instanceof ChannelError) {
        return { ok: false, error: error.toShape() }
      }
      throw error
    }
  }

  /** One bulk call, plus one offer read per SKU whose offers the push reads (see offerReads). */
  pushCost(updates: QuantityUpdate[], _ctx?: ChannelContext): number {
    return 1 + this.offerReads(updates.filter((u) => !u.location)).length
  }

  /**
   * The SKUs a push reads offers for: all of them when offers govern (their quantities are set
   * too); otherwise only raises from a known 0, the one case where eBay may have ended the
   * listing under us (a 0 we pushed, or read back). Everything else costs no extra call. A never
   * known quantity (null) is not checked: that would be one call per SKU on every first push.
   */
  private offerReads(updates: QuantityUpdate[]): string[] {
    const skus = updates.filter((u) => this.options.offer_governs || (u.quantity > 0 && u.known_quantity === 0)).map((u) => u.sku)
    return [...new Set(skus)]
  }

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`eBay takes at most ${MAX_BATCH_SIZE} updates per push, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const creds = credentialsOf(ctx)
    const results = new Map<QuantityUpdate, PushItemResult>()
    // One entry per SKU (eBay refuses a SKU twice in one call, 25734); the last quantity wins.
    const bySku = new Map<string, QuantityUpdate>()
    for (const update of updates) {
      if (update.location) {
        results.set(update, errorResult(update, ChannelError.rejected(`eBay holds one quantity per SKU; this update names location "${update.location}"`, "LOCATION_NOT_SUPPORTED")))
      } else {
        bySku.set(update.sku, update)
      }
    }
    const sending = [...bySku.values()]
    const settled = new Map<string, PushItemResult>()
    if (sending.length) {
      const offers = await readOffers(this.http, creds, marketplaceOf(ctx), this.offerReads(sending))
      const answer = await this.http.call<BulkUpdateAnswer>(creds, {
        method: "POST",
        path: `${INVENTORY_PATH}/bulk_update_price_quantity`,
        body: {
          requests: sending.map((update) => {
            // Only live listings can be revised; an ended one's offer is left out (it would fail the SKU).
            const own = this.options.offer_governs ? offers.get(update.sku)?.live ?? [] : []
            return {
              sku: update.sku,
              shipToLocationAvailability: { quantity: update.quantity },
              ...(own.length ? { offers: own.map((offer) => ({ offerId: offer.offerId, availableQuantity: update.quantity })) } : {}),
            }
          }),
        },
      })
      const responses = Array.isArray(answer.body?.responses) ? answer.body!.responses! : []
      const outOfStockControl = ctx.settings?.[OUT_OF_STOCK_CONTROL] === true
      for (const update of sending) {
        settled.set(update.sku, this.settleSku(update, responses.filter((r) => r?.sku === update.sku), offers.get(update.sku), outOfStockControl))
      }
    }
    const items = updates.map((update) => results.get(update) ?? { ...settled.get(update.sku)!, sku: update.sku, location: update.location ?? null })
    return { items }
  }

  /**
   * A SKU's result from every response eBay gave for it (one per offer when offers were sent),
   * and from its offers when they were read: a 0 without Out-of-Stock Control notes that eBay
   * ended the listing (unless the SKU is known to have none); a raise on a SKU whose listings all
   * ended is LISTING_ENDED, though the item took the quantity.
   */
  private settleSku(update: QuantityUpdate, responses: ItemResponse[], offers: SkuOffers | undefined, outOfStockControl: boolean): PushItemResult {
    if (!responses.length) {
      return errorResult(update, ChannelError.transient(`eBay answered bulkUpdatePriceQuantity without a response for SKU "${update.sku}"`, "MISSING_RESULT"))
    }
    const failed = responses.find((r) => (r.statusCode ?? 500) >= 300 || (r.errors?.length ?? 0) > 0)
    if (failed) {
      const error = mapItemError(update.sku, failed, this.now())
      if (error.code === "REVISION_CAP") {
        // Not a failure: the same number goes when eBay's day turns (the row shows Deferred).
        return { sku: update.sku, location: update.location ?? null, outcome: "deferred", code: "REVISION_CAP", message: error.message, retry_after_ms: error.retryAfterMs ?? 60_000 }
      }
      return errorResult(update, error)
    }
    if (update.quantity > 0 && onlyEnded(offers)) {
      const listings = offers!.ended.flatMap((offer) => (offer.listing?.listingId ? [offer.listing.listingId] : []))
      return errorResult(update, listingEnded(update.sku, update.quantity, listings, outOfStockControl))
    }
    const success: PushItemResult = { sku: update.sku, location: update.location ?? null, outcome: "success", quantity: update.quantity }
    if (update.quantity === 0 && !outOfStockControl && (!offers || offers.published.length > 0)) {
      return { ...success, note: LISTING_ENDED_NOTE }
    }
    return success
  }

  /**
   * The effective listing quantity (see effectiveQuantity): the item's, capped by each live
   * offer's availableQuantity, 0 when every listing ended. A page is 25 SKUs, by
   * bulk_get_inventory_item for chosen SKUs (the cursor walks groups of 25) or getInventoryItems
   * for all, plus one getOffers per SKU: at most 26 calls a page.
   */
  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    const creds = credentialsOf(ctx)
    let items: InventoryItem[] = []
    let next: string | null
    if (page.skus) {
      const groups = chunk([...new Set(page.skus.filter(Boolean))], MAX_BATCH_SIZE)
      const index = Number(page.cursor ?? 0) || 0
      const wanted = groups[index] ?? []
      if (wanted.length) {
        const answer = await this.http.call<BulkGetAnswer>(creds, {
          method: "POST",
          path: `${INVENTORY_PATH}/bulk_get_inventory_item`,
          body: { requests: wanted.map((sku) => ({ sku })) },
        })
        items = (answer.body?.responses ?? [])
          .filter((r) => r?.statusCode === 200 && r.inventoryItem && wanted.includes(r.sku ?? r.inventoryItem.sku ?? ""))
          .map((r) => ({ ...r.inventoryItem!, sku: r.sku ?? r.inventoryItem!.sku }))
      }
      next = index + 1 < groups.length ? String(index + 1) : null
    } else {
      ;({ items, next } = await this.inventoryPage(creds, page.cursor, READ_PAGE_SIZE))
    }
    const offers = await readOffers(this.http, creds, marketplaceOf(ctx), items.map((item) => item.sku!))
    return {
      items: items.map((item) => ({
        sku: item.sku!,
        location: null,
        quantity: effectiveQuantity(item.availability?.shipToLocationAvailability?.quantity ?? 0, offers.get(item.sku!)),
        updated_at: null,
      })),
      next_cursor: next,
    }
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    const { items, next } = await this.inventoryPage(credentialsOf(ctx), page.cursor, CATALOGUE_PAGE_SIZE)
    return {
      items: items.map((item) => ({
        sku: item.sku!,
        channel_product_id: null,
        title: item.product?.title ?? null,
        gtin: item.product?.ean?.[0] ?? item.product?.upc?.[0] ?? item.product?.isbn?.[0] ?? null,
        status: "active" as const,
      })),
      next_cursor: next,
    }
  }

  /** getInventoryItems, `limit` a page; the cursor is the offset. */
  private async inventoryPage(creds: EbayAppCredentials, cursor: string | null, limit: number): Promise<{ items: InventoryItem[]; next: string | null }> {
    const offset = Math.max(0, Number(cursor ?? 0) || 0)
    const answer = await this.http.call<InventoryPage>(creds, { method: "GET", path: `${INVENTORY_PATH}/inventory_item?limit=${limit}&offset=${offset}` })
    const body = answer.body ?? {}
    if (!Array.isArray(body.inventoryItems) && body.total === undefined) {
      throw ChannelError.transient("eBay getInventoryItems answered without inventoryItems", "MALFORMED_RESPONSE")
    }
    const items = (body.inventoryItems ?? []).filter((item) => item?.sku)
    const nextOffset = offset + (body.inventoryItems?.length ?? 0)
    const more = items.length > 0 && (body.next ? true : typeof body.total === "number" && nextOffset < body.total)
    return { items, next: more ? String(nextOffset) : null }
  }

  /**
   * getOrders changed since `since` (inclusive: `lastmodifieddate:[since..]`, brackets encoded as
   * eBay requires); the cursor is the offset. Each page is put oldest change first.
   */
  async fetchOrders(ctx: ChannelContext, page: { since: string; cursor: string | null }): Promise<Page<ChannelOrder>> {
    const sinceMs = Date.parse(page.since)
    if (Number.isNaN(sinceMs)) {
      throw ChannelError.rejected(`since must be an ISO time, got ${JSON.stringify(page.since)}`, "INVALID_SINCE")
    }
    const offset = Math.max(0, Number(page.cursor ?? 0) || 0)
    const filter = `lastmodifieddate:%5B${new Date(sinceMs).toISOString()}..%5D`
    const answer = await this.http.call<OrdersPage>(credentialsOf(ctx), {
      method: "GET",
      path: `${FULFILLMENT_PATH}/order?filter=${filter}&limit=${ORDER_PAGE_SIZE}&offset=${offset}`,
    })
    const body = answer.body ?? {}
    if (!Array.isArray(body.orders) && body.total === undefined) {
      throw ChannelError.transient("eBay getOrders answered without orders", "MALFORMED_RESPONSE")
    }
    const orders = (body.orders ?? []).map(toChannelOrder).sort((a, b) => a.updated_at.localeCompare(b.updated_at))
    const nextOffset = offset + (body.orders?.length ?? 0)
    const more = orders.length > 0 && (body.next ? true : typeof body.total === "number" && nextOffset < body.total)
    return { items: orders, next_cursor: more ? String(nextOffset) : null }
  }
}

function credentialsOf(ctx: ChannelContext): EbayAppCredentials {
  const { client_id, client_secret, refresh_token } = ctx.credentials
  if (!client_id || !client_secret || !refresh_token) {
    throw ChannelError.auth(`Channel ${ctx.channel_code} has no eBay client_id, client_secret and refresh_token`, "MISSING_CREDENTIALS")
  }
  return { client_id, client_secret, refresh_token }
}

/** The channel's marketplace, whose offers a push and a read consider (all when unset). */
function marketplaceOf(ctx: ChannelContext): string | null {
  return ctx.credentials.marketplace_id?.trim().toUpperCase() || null
}

function errorResult(update: QuantityUpdate, error: ChannelError): PushItemResult {
  return { sku: update.sku, location: update.location ?? null, outcome: "error", error: error.toShape() }
}

function toChannelOrder(order: EbayOrder): ChannelOrder {
  const updated = order.lastModifiedDate ?? order.creationDate ?? new Date().toISOString()
  let status: ChannelOrderStatus = "open"
  if (order.cancelStatus?.cancelState === "CANCELED") {
    status = "cancelled"
  } else if (order.orderFulfillmentStatus === "FULFILLED") {
    status = "shipped"
  }
  const currency = order.pricingSummary?.total?.currency
  return {
    external_id: order.orderId,
    created_at: order.creationDate ?? updated,
    updated_at: updated,
    status,
    currency_code: currency ? currency.toLowerCase() : null,
    email: order.buyer?.buyerRegistrationAddress?.email || null,
    lines: (order.lineItems ?? []).map((line) => {
      const quantity = Number(line.quantity ?? 0)
      const cost = Number(line.lineItemCost?.value)
      return {
        sku: line.sku ?? "",
        quantity,
        location: null,
        title: line.title ?? null,
        unit_price: line.lineItemCost?.value !== undefined && Number.isFinite(cost) && quantity > 0 ? cost / quantity : null,
      }
    }),
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size))
  }
  return chunks
}
