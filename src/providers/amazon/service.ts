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
  type SubmissionStatus,
} from "../../lib/provider"
import { AmazonClient, type AmazonHttp, type AmazonRegion, REGION_HOSTS } from "./client"
import type { LwaCredentials } from "./lwa"

/** One patch per SKU and marketplace; 20 keeps a push within a few seconds of patchListingsItem's 5/s. */
const MAX_BATCH_SIZE = 20
/** searchListingsItems: pageSize ≤ 20 and ≤ 20 identifiers. */
const PAGE_SIZE = 20
const DEFAULT_TIMEOUT_MS = 15_000
/** An ACCEPTED patch not visible after this long is reported as failed (transient: push again). */
export const APPLY_DEADLINE_MS = 15 * 60_000
const LISTINGS = "/listings/2021-08-01/items"
const ISSUE_LOCALE = "en_US"
export const FBA_MESSAGE = "fulfilled by Amazon, not pushed"

export type AmazonOptions = {
  region?: AmazonRegion
  /** Replaces the SP-API origin on every call: stand-ins and staging. */
  api_base_url?: string
  /** Replaces the Login with Amazon origin. */
  auth_base_url?: string
  timeout_ms?: number
}

type AmazonCredentials = LwaCredentials & { seller_id: string; marketplace_ids: string[] }
type Fulfillment = { fulfillmentChannelCode?: string; quantity?: number }
type Summary = { marketplaceId?: string; productType?: string; status?: string[]; itemName?: string; lastUpdatedDate?: string; asin?: string }
type ListingsItem = { sku: string; summaries?: Summary[]; fulfillmentAvailability?: Fulfillment[]; identifiers?: { identifiers?: { identifierType?: string; identifier?: string }[] }[] }
type Issue = { code?: string; message?: string; severity?: string }
type Submission = { sku?: string; status?: string; submissionId?: string; issues?: Issue[] }
type SearchAnswer = { items?: ListingsItem[]; pagination?: { nextToken?: string } }
type Order = { AmazonOrderId: string; PurchaseDate?: string; LastUpdateDate?: string; OrderStatus?: string; BuyerInfo?: { BuyerEmail?: string }; OrderTotal?: { CurrencyCode?: string } }
type OrderItem = { SellerSKU?: string; QuantityOrdered?: number; ASIN?: string; Title?: string; ItemPrice?: { Amount?: string } }

/** What a submission id carries: enough to confirm the quantity without any state of ours. */
type Pending = { sku: string; m: string[]; q: number; t: number }

/**
 * Amazon Selling Partner API. One number per SKU (merchant-fulfilled, `DEFAULT`), written with
 * `patchListingsItem` (one SKU and marketplace per call, `merge` on fulfillment_availability),
 * which answers ACCEPTED before the change is applied: pushes are `async`, and
 * {@link checkSubmission} reads the listing back until it shows the quantity.
 *
 * `channel_product_id` is the listing's `productType` (required on every patch), read once with
 * getListingsItem and kept on the listing. FBA listings are refused: Amazon sets their quantity.
 * Reads and the catalogue use the first marketplace of `marketplace_ids`.
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
    const timeout = options?.timeout_ms
    if (timeout !== undefined && (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0)) {
      throw new Error(`amazon provider: option timeout_ms must be a positive number, got ${JSON.stringify(timeout)}`)
    }
  }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    rate_limit: { requests: 5, per_ms: 1_000 },
    rate_budgets: { push: { points: 5, per_ms: 1_000 } },
    per_location: false,
    push_mode: "async",
    read_back: true,
    catalogue: true,
    order_import: true,
    webhooks: false,
    force_reconcile: true,
  }

  protected readonly http: AmazonHttp

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

  /** Points one push costs: one patch per update and marketplace. */
  pushCost(updates: QuantityUpdate[]): number {
    return Math.max(1, updates.length * Math.max(1, this.lastMarketplaceCount))
  }

  /** pushCost has no context; the count of the last account seen is the best estimate (1 before any). */
  private lastMarketplaceCount = 1

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`Amazon takes at most ${MAX_BATCH_SIZE} updates per push, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const creds = credentialsOf(ctx)
    this.lastMarketplaceCount = creds.marketplace_ids.length
    // Per-item refusals are results; throttling, auth and transient failures fail the whole call.
    const items = await Promise.all(updates.map((update) => this.pushOne(creds, update)))
    return { items }
  }

  private async pushOne(creds: AmazonCredentials, update: QuantityUpdate): Promise<PushItemResult> {
    const ref = { sku: update.sku, location: update.location ?? null }
    const fail = (error: ChannelError, channel_product_id?: string): PushItemResult => ({ ...ref, outcome: "error", error: error.toShape(), ...(channel_product_id ? { channel_product_id } : {}) })
    if (update.location) {
      return fail(ChannelError.rejected(`Amazon holds one quantity per SKU; this update names location "${update.location}"`, "LOCATION_NOT_SUPPORTED"))
    }
    if (!Number.isInteger(update.quantity) || update.quantity < 0) {
      return fail(ChannelError.rejected(`Amazon quantities are whole numbers ≥ 0, got ${update.quantity}`, "INVALID_QUANTITY"))
    }
    let productType = update.channel_product_id?.trim() || null
    let resolved: string | undefined
    if (!productType) {
      const found = await this.lookUp(creds, update.sku)
      if (found instanceof ChannelError) return fail(found)
      productType = resolved = found
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
            patches: [{ op: "merge", path: "/attributes/fulfillment_availability", value: [{ fulfillment_channel_code: "DEFAULT", quantity: update.quantity }] }],
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
    const pending: Pending = { sku: update.sku, m: creds.marketplace_ids, q: update.quantity, t: Date.now() }
    return { ...ref, outcome: "submitted", submission_id: Buffer.from(JSON.stringify(pending)).toString("base64url"), ...(resolved ? { channel_product_id: resolved } : {}) }
  }

  /** The listing's productType, or the item's refusal (unknown SKU, FBA). */
  private async lookUp(creds: AmazonCredentials, sku: string): Promise<string | ChannelError> {
    const marketplace = creds.marketplace_ids[0]
    let item: ListingsItem
    try {
      ;({ body: item } = await this.getItem(creds, sku, marketplace, "summaries,fulfillmentAvailability"))
    } catch (error) {
      if (error instanceof ChannelError && error.kind === "not_found") return skuNotFound(sku, marketplace)
      throw error
    }
    if ((item?.fulfillmentAvailability ?? []).some((f) => f.fulfillmentChannelCode && f.fulfillmentChannelCode !== "DEFAULT")) {
      return ChannelError.rejected(`${sku}: ${FBA_MESSAGE}`, "FULFILLED_BY_AMAZON")
    }
    const productType = item?.summaries?.find((s) => s.productType)?.productType
    if (!productType) {
      return ChannelError.rejected(`Amazon listing ${sku} has no productType in ${marketplace}`, "PRODUCT_TYPE_UNKNOWN")
    }
    return productType
  }

  private getItem(creds: AmazonCredentials, sku: string, marketplace: string, includedData: string) {
    return this.http.call<ListingsItem>(creds, {
      operation: "getListingsItem",
      method: "GET",
      path: `${LISTINGS}/${encodeURIComponent(creds.seller_id)}/${encodeURIComponent(sku)}`,
      query: { marketplaceIds: marketplace, includedData, issueLocale: ISSUE_LOCALE },
    })
  }

  async checkSubmission(ctx: ChannelContext, submissionId: string): Promise<SubmissionStatus> {
    const pending = decodeSubmission(submissionId)
    const creds = credentialsOf(ctx)
    const ref = { sku: pending.sku, location: null }
    for (const marketplace of pending.m) {
      let item: ListingsItem
      try {
        ;({ body: item } = await this.getItem(creds, pending.sku, marketplace, "fulfillmentAvailability"))
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
    const { items, next } = await this.search(credentialsOf(ctx), "summaries,fulfillmentAvailability", page.cursor, page.skus)
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
    const { items, next } = await this.search(credentialsOf(ctx), "summaries", page.cursor)
    return {
      items: items.map((item) => {
        const summary = item.summaries?.[0]
        const gtin = item.identifiers?.flatMap((set) => set.identifiers ?? []).find((i) => /^(EAN|UPC|GTIN|JAN|ISBN)$/i.test(i.identifierType ?? ""))?.identifier ?? null
        const live = (summary?.status ?? []).some((s) => s === "BUYABLE" || s === "DISCOVERABLE")
        return { sku: item.sku, channel_product_id: summary?.productType ?? null, title: summary?.itemName ?? null, gtin, status: summary ? (live ? "active" : "inactive") : null }
      }),
      next_cursor: next,
    }
  }

  private async search(creds: AmazonCredentials, includedData: string, cursor: string | null, skus?: string[]) {
    const { body } = await this.http.call<SearchAnswer>(creds, {
      operation: "searchListingsItems",
      method: "GET",
      path: `${LISTINGS}/${encodeURIComponent(creds.seller_id)}`,
      query: {
        marketplaceIds: creds.marketplace_ids[0],
        includedData,
        pageSize: String(PAGE_SIZE),
        ...(skus?.length ? { identifiers: skus.join(","), identifiersType: "SKU" } : {}),
        ...(cursor ? { pageToken: cursor } : {}),
      },
    })
    return { items: (body?.items ?? []).filter((item) => typeof item?.sku === "string"), next: body?.pagination?.nextToken || null }
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

function defaultQuantity(item: ListingsItem | undefined): number | null {
  const entry = item?.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === "DEFAULT")
  return typeof entry?.quantity === "number" ? entry.quantity : null
}

function skuNotFound(sku: string, marketplace: string): ChannelError {
  return ChannelError.notFound(`Amazon has no listing for SKU "${sku}" in marketplace ${marketplace}`, "SKU_NOT_FOUND")
}

function decodeSubmission(id: string): Pending {
  try {
    const value = JSON.parse(Buffer.from(id, "base64url").toString("utf8")) as Pending
    if (typeof value.sku === "string" && Array.isArray(value.m) && typeof value.q === "number" && typeof value.t === "number") return value
  } catch {
    // fall through
  }
  throw ChannelError.notFound(`"${id}" is not an Amazon submission id of this plugin`, "SUBMISSION_NOT_FOUND")
}

function splitIds(value: string | undefined): string[] {
  return (value ?? "").split(",").map((id) => id.trim()).filter(Boolean)
}

function credentialsOf(ctx: ChannelContext): AmazonCredentials {
  const c = ctx.credentials ?? {}
  for (const name of ["seller_id", "marketplace_ids", "lwa_client_id", "lwa_client_secret", "refresh_token"]) {
    if (!c[name]) throw ChannelError.auth(`credentials.${name} is missing for channel ${ctx.channel_code}`, "CREDENTIALS_MISSING")
  }
  return { seller_id: c.seller_id, marketplace_ids: splitIds(c.marketplace_ids), lwa_client_id: c.lwa_client_id, lwa_client_secret: c.lwa_client_secret, refresh_token: c.refresh_token }
}
