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
} from "../../lib/provider"
import { EbayClient, EbayHttp, FULFILLMENT_PATH, INVENTORY_PATH } from "./client"
import type { EbayAppCredentials } from "./oauth"

/** bulkUpdatePriceQuantity and bulkGetInventoryItem take at most 25 entries. */
const MAX_BATCH_SIZE = 25
const INVENTORY_PAGE_SIZE = 100
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
  /**
   * Whether the seller has Out-of-Stock Control on. Without it eBay ends a fixed-price listing
   * pushed to 0. Documented only for now (see pushQuantities).
   */
  out_of_stock_control?: boolean
}

type EbayError = { errorId?: number; message?: string; longMessage?: string }
type BulkUpdateAnswer = { responses?: { statusCode?: number; sku?: string; offerId?: string; errors?: EbayError[] }[] }
type InventoryItem = {
  sku?: string
  availability?: { shipToLocationAvailability?: { quantity?: number } }
  product?: { title?: string; ean?: string[]; upc?: string[]; isbn?: string[] }
}
type InventoryPage = { total?: number; size?: number; limit?: number; next?: string; inventoryItems?: InventoryItem[] }
type BulkGetAnswer = { responses?: { statusCode?: number; sku?: string; inventoryItem?: InventoryItem; errors?: EbayError[] }[] }
type Offer = { offerId?: string; sku?: string; status?: string; availableQuantity?: number }
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
    for (const name of ["offer_governs", "out_of_stock_control"]) {
      if (options?.[name] !== undefined && typeof options[name] !== "boolean") {
        throw new Error(`ebay provider: option ${name} must be a boolean, got ${JSON.stringify(options[name])}`)
      }
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
  }

  protected readonly http: EbayHttp

  constructor(cradle: Record<string, unknown>, options: EbayOptions, http?: EbayHttp) {
    super(cradle, options)
    this.http = http ?? new EbayClient({ api_base_url: options?.api_base_url ?? null, timeout_ms: options?.timeout_ms ?? DEFAULT_TIMEOUT_MS })
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

  /** One bulk call, plus one offer read per SKU when offers govern. */
  pushCost(updates: QuantityUpdate[]): number {
    return 1 + (this.options.offer_governs ? new Set(updates.map((u) => u.sku)).size : 0)
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
      const offers = this.options.offer_governs ? await this.publishedOffers(creds, sending.map((u) => u.sku)) : new Map<string, Offer[]>()
      const answer = await this.http.call<BulkUpdateAnswer>(creds, {
        method: "POST",
        path: `${INVENTORY_PATH}/bulk_update_price_quantity`,
        body: {
          requests: sending.map((update) => {
            const own = offers.get(update.sku) ?? []
            return {
              sku: update.sku,
              shipToLocationAvailability: { quantity: update.quantity },
              ...(own.length ? { offers: own.map((offer) => ({ offerId: offer.offerId, availableQuantity: update.quantity })) } : {}),
            }
          }),
        },
      })
      const responses = Array.isArray(answer.body?.responses) ? answer.body!.responses! : []
      for (const update of sending) {
        settled.set(update.sku, this.settleSku(update, responses.filter((r) => r?.sku === update.sku)))
      }
    }
    const items = updates.map((update) => results.get(update) ?? { ...settled.get(update.sku)!, sku: update.sku, location: update.location ?? null })
    return { items }
  }

  /** A SKU's result from every response eBay gave for it (one per offer when offers were sent). */
  private settleSku(update: QuantityUpdate, responses: NonNullable<BulkUpdateAnswer["responses"]>): PushItemResult {
    if (!responses.length) {
      return errorResult(update, ChannelError.transient(`eBay answered bulkUpdatePriceQuantity without a response for SKU "${update.sku}"`, "MISSING_RESULT"))
    }
    const failed = responses.find((r) => (r.statusCode ?? 500) >= 300 || (r.errors?.length ?? 0) > 0)
    if (failed) {
      return errorResult(update, mapItemError(update.sku, failed))
    }
    // TODO(out_of_stock_control): with out_of_stock_control false, a 0 ends a fixed-price listing
    // on eBay. The result contract has no way to say "applied, and the listing ended", so it is a
    // plain success for now.
    return { sku: update.sku, location: update.location ?? null, outcome: "success", quantity: update.quantity }
  }

  /** Each SKU's published offers (getOffers, once per SKU); only those can take a quantity here. */
  private async publishedOffers(creds: EbayAppCredentials, skus: string[]): Promise<Map<string, Offer[]>> {
    const found = new Map<string, Offer[]>()
    for (const sku of skus) {
      try {
        const answer = await this.http.call<{ offers?: Offer[] }>(creds, { method: "GET", path: `${INVENTORY_PATH}/offer?sku=${encodeURIComponent(sku)}` })
        found.set(sku, (answer.body?.offers ?? []).filter((offer) => offer.sku === sku && offer.status === "PUBLISHED" && offer.offerId))
      } catch (error) {
        // An unknown SKU or one without offers: the item quantity is still pushed (and a missing
        // SKU is reported by the bulk call itself).
        if (!(error instanceof ChannelError) || (error.kind !== "not_found" && error.kind !== "rejected")) {
          throw error
        }
        found.set(sku, [])
      }
    }
    return found
  }

  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    const creds = credentialsOf(ctx)
    if (page.skus) {
      // The cursor walks groups of 25 SKUs.
      const groups = chunk([...new Set(page.skus.filter(Boolean))], MAX_BATCH_SIZE)
      const index = Number(page.cursor ?? 0) || 0
      const wanted = groups[index] ?? []
      let items: ChannelQuantity[] = []
      if (wanted.length) {
        const answer = await this.http.call<BulkGetAnswer>(creds, {
          method: "POST",
          path: `${INVENTORY_PATH}/bulk_get_inventory_item`,
          body: { requests: wanted.map((sku) => ({ sku })) },
        })
        items = (answer.body?.responses ?? [])
          .filter((r) => r?.statusCode === 200 && r.inventoryItem && wanted.includes(r.sku ?? r.inventoryItem.sku ?? ""))
          .map((r) => toQuantity({ ...r.inventoryItem!, sku: r.sku ?? r.inventoryItem!.sku }))
      }
      return { items, next_cursor: index + 1 < groups.length ? String(index + 1) : null }
    }
    const { items, next } = await this.inventoryPage(creds, page.cursor)
    return { items: items.map(toQuantity), next_cursor: next }
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    const { items, next } = await this.inventoryPage(credentialsOf(ctx), page.cursor)
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

  /** getInventoryItems, 100 a page; the cursor is the offset. */
  private async inventoryPage(creds: EbayAppCredentials, cursor: string | null): Promise<{ items: InventoryItem[]; next: string | null }> {
    const offset = Math.max(0, Number(cursor ?? 0) || 0)
    const answer = await this.http.call<InventoryPage>(creds, { method: "GET", path: `${INVENTORY_PATH}/inventory_item?limit=${INVENTORY_PAGE_SIZE}&offset=${offset}` })
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

function errorResult(update: QuantityUpdate, error: ChannelError): PushItemResult {
  return { sku: update.sku, location: update.location ?? null, outcome: "error", error: error.toShape() }
}

/** One SKU's failed response: 25702, 25025 and 25713 by name, anything else in eBay's words. */
function mapItemError(sku: string, response: NonNullable<BulkUpdateAnswer["responses"]>[number]): ChannelError {
  const error = response.errors?.[0]
  const id = error?.errorId
  const said = error?.message ?? error?.longMessage ?? `status ${response.statusCode}`
  if (id === 25702) {
    return ChannelError.notFound(`No eBay inventory item has SKU "${sku}" (${said})`, "SKU_NOT_FOUND")
  }
  if (id === 25025) {
    return ChannelError.transient(`eBay was updating inventory item "${sku}" concurrently; retry (${said})`, "25025")
  }
  if (id === 25713) {
    return ChannelError.rejected(
      `eBay refused the quantity for SKU "${sku}": offer ${response.offerId ?? "?"} is not published, and bulkUpdatePriceQuantity only updates published offers (publish it, or change it with updateOffer) (${said})`,
      "25713"
    )
  }
  if (id === undefined && (response.statusCode ?? 500) >= 500) {
    return ChannelError.transient(`eBay failed to update SKU "${sku}" (${said})`, `HTTP_${response.statusCode ?? 500}`)
  }
  return ChannelError.rejected(`eBay refused the quantity for SKU "${sku}": ${said}`, id !== undefined ? String(id) : `HTTP_${response.statusCode}`)
}

function toQuantity(item: InventoryItem): ChannelQuantity {
  return { sku: item.sku!, location: null, quantity: item.availability?.shipToLocationAvailability?.quantity ?? 0, updated_at: null }
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
