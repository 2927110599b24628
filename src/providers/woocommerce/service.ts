import { createHash } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"
import {
  AbstractMarketplaceProvider,
  CatalogueEntry,
  CatalogueStatus,
  ChannelCapabilities,
  ChannelContext,
  ChannelError,
  ChannelOrder,
  ChannelOrderStatus,
  ChannelQuantity,
  checkBaseUrlOption,
  ConnectionResult,
  CredentialField,
  itemKey,
  Page,
  PushItemResult,
  PushResult,
  QuantityUpdate,
  toChannelError,
  verifyHmac,
  WebhookEvent,
  WebhookRequest,
} from "../../lib/provider"
import { WooCommerceClient, WooCommerceHttp, WooCredentials } from "./client"

/** `woocommerce_rest_batch_items_limit`: more than 100 create+update+delete items is a 413. */
const MAX_BATCH_SIZE = 100
/** `per_page` is capped at 100 on every collection. */
const PAGE_SIZE = 100
/** WooCommerce has no limit of its own; 5 calls a second keeps a shared host's PHP workers free. */
const DEFAULT_REQUESTS_PER_SECOND = 5
const DEFAULT_TIMEOUT_MS = 10_000

export type WooCommerceOptions = {
  /** Replaces the store's origin (scheme, host, port) on every call: stand-ins and staging. */
  api_base_url?: string
  timeout_ms?: number
  requests_per_second?: number
}

/** A product or variation as /products (also with ?sku=) and /products/{id}/variations answer it. */
type WooItem = {
  id: number
  parent_id?: number
  type?: string
  name?: string
  sku?: string
  status?: string
  global_unique_id?: string
  manage_stock?: boolean | "parent"
  stock_quantity?: number | null
  date_modified_gmt?: string | null
  attributes?: { name?: string; option?: string }[]
}
type WpError = { code?: string; message?: string; data?: { status?: number } }
type BatchAnswer = { update?: (WooItem & { error?: WpError })[] }
type WooOrder = {
  id: number
  status?: string
  currency?: string
  date_created_gmt?: string
  date_modified_gmt?: string
  billing?: { email?: string }
  line_items?: { sku?: string; name?: string; quantity?: number; price?: number | string; product_id?: number; variation_id?: number }[]
}

/** A product or variation that holds stock, with the product it belongs to. */
type StockUnit = { item: WooItem; parent: WooItem | null }
/** Where one update goes: a product, or a variation under its parent. */
type Target = { update: QuantityUpdate; id: number; parent: number | null; resolved: string | null }

const NOT_MANAGED_MESSAGE = "WooCommerce ignored the quantity: stock management is off for the store or this product"

/**
 * WooCommerce (REST API v3). One number per SKU: simple products and variations, written with
 * the batch endpoints, 100 items a call, always with `manage_stock: true` because WooCommerce
 * silently drops a `stock_quantity` for a product that does not manage stock.
 *
 * `channel_product_id` is `"<product_id>"` for a product and `"<parent_id>:<variation_id>"` for a
 * variation (variations are written through their parent). Updates without one are resolved with
 * `GET /products?sku=`, which matches products and variations exactly, and the id is returned so
 * the listing keeps it.
 *
 * Locations: WooCommerce core has none, so `listLocations` stays unsupported (the base class
 * answers NOT_ALLOWED) rather than inventing a pseudo-location the admin could map stock onto.
 */
export class WooCommerceProvider extends AbstractMarketplaceProvider<WooCommerceOptions> {
  static identifier = "woocommerce"
  static displayName = "WooCommerce"

  static validateOptions(options: Record<string, unknown>): void {
    checkBaseUrlOption("woocommerce", options?.api_base_url)
    for (const name of ["timeout_ms", "requests_per_second"]) {
      const value = options?.[name]
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
        throw new Error(`woocommerce provider: option ${name} must be a positive number, got ${JSON.stringify(value)}`)
      }
    }
  }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    rate_limit: { requests: this.options.requests_per_second ?? DEFAULT_REQUESTS_PER_SECOND, per_ms: 1_000 },
    per_location: false,
    push_mode: "sync",
    read_back: true,
    catalogue: true,
    order_import: true,
    webhooks: true,
    force_reconcile: true,
  }

  protected readonly http: WooCommerceHttp

  constructor(cradle: Record<string, unknown>, options: WooCommerceOptions, http?: WooCommerceHttp) {
    super(cradle, options)
    this.http =
      http ??
      new WooCommerceClient({
        api_base_url: options?.api_base_url ?? null,
        timeout_ms: options?.timeout_ms ?? DEFAULT_TIMEOUT_MS,
        requests_per_second: options?.requests_per_second ?? DEFAULT_REQUESTS_PER_SECOND,
      })
  }

  credentialFields(): CredentialField[] {
    return [
      { name: "store_url", label: "Store URL", secret: false, required: true, description: "The shop's address, e.g. https://shop.example.com (https: keys sent as HTTP Basic; http: OAuth 1.0a signatures)" },
      { name: "consumer_key", label: "Consumer key", secret: true, required: true, description: "ck_… from WooCommerce → Settings → Advanced → REST API, with Read/Write permission" },
      { name: "consumer_secret", label: "Consumer secret", secret: true, required: true, description: "cs_… shown once when the key is created" },
      { name: "webhook_secret", label: "Webhook secret", secret: true, required: false, description: "The secret of the order webhooks (WooCommerce → Settings → Advanced → Webhooks); without it webhooks are refused and orders arrive by polling" },
    ]
  }

  validateCredentials(credentials: Record<string, unknown>): Record<string, string> {
    const result = super.validateCredentials(credentials)
    let url: URL | null = null
    try {
      url = new URL(result.store_url)
    } catch {
      url = null
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "credentials.store_url must be an http(s) URL")
    }
    return { ...result, store_url: result.store_url.replace(/\/+$/, "") }
  }

  /** The site's name from the WordPress index (no keys needed), then one keyed read to prove the keys. */
  async testConnection(ctx: ChannelContext): Promise<ConnectionResult> {
    try {
      const creds = credentialsOf(ctx)
      const index = await this.http.siteIndex(creds.store_url)
      await this.http.call(creds, { method: "GET", path: "/products", query: { per_page: 1 } })
      const name = typeof index.name === "string" && index.name.trim() ? index.name.trim() : new URL(creds.store_url).host
      return { ok: true, account: name }
    } catch (error) {
      if (error instanceof ChannelError) {
        return { ok: false, error: error.toShape() }
      }
      throw error
    }
  }

  /** Calls one push makes: the SKU look-ups plus one batch per parent (and per 100 items). */
  pushCost(updates: QuantityUpdate[]): number {
    const groups = new Map<string, number>()
    let unresolved = 0
    for (const update of updates) {
      const id = parseChannelId(update.channel_product_id)
      if (!id) {
        unresolved++
      } else {
        const key = String(id.parent ?? "")
        groups.set(key, (groups.get(key) ?? 0) + 1)
      }
    }
    const batches = [...groups.values()].reduce((sum, n) => sum + Math.ceil(n / MAX_BATCH_SIZE), 0)
    return Math.max(1, batches + Math.ceil(unresolved / PAGE_SIZE) + (unresolved ? 1 : 0))
  }

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    // The contract: a push carries at most batch_size updates (the pipeline never sends more).
    // Refusing here keeps one push one bounded piece of work, as the provider test kit checks.
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`WooCommerce takes at most ${MAX_BATCH_SIZE} updates per push, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const creds = credentialsOf(ctx)
    const results = new Map<string, PushItemResult>()
    const fail = (update: QuantityUpdate, error: ChannelError, resolved?: string | null) =>
      results.set(itemKey(update), { sku: update.sku, location: update.location ?? null, outcome: "error", error: error.toShape(), ...(resolved ? { channel_product_id: resolved } : {}) })

    const targets: Target[] = []
    const unresolved = updates.filter((update) => !update.location && !parseChannelId(update.channel_product_id))
    const found = unresolved.length ? await this.findBySku(creds, unresolved.map((update) => update.sku)) : new Map<string, WooItem>()
    for (const update of updates) {
      if (update.location) {
        fail(update, ChannelError.rejected(`WooCommerce holds one quantity per SKU; this update names location "${update.location}"`, "LOCATION_NOT_SUPPORTED"))
        continue
      }
      const known = parseChannelId(update.channel_product_id)
      if (known) {
        targets.push({ update, ...known, resolved: null })
        continue
      }
      const item = found.get(update.sku)
      if (!item) {
        fail(update, ChannelError.notFound(`No WooCommerce product or variation has SKU "${update.sku}" (GET /products?sku= matches SKUs exactly)`, "SKU_NOT_FOUND"))
      } else if (item.type === "variation" && item.manage_stock === "parent") {
        // Writing it would switch the variation off its parent's shared stock (WooCommerce
        // applies manage_stock: true), so it is refused, and its id is not kept: every push
        // looks again, and succeeds once the merchant gives the variation its own stock.
        fail(update, parentManaged(item.id, item.parent_id))
      } else {
        const parent = item.type === "variation" && item.parent_id ? item.parent_id : null
        targets.push({ update, id: item.id, parent, resolved: formatChannelId(item.id, parent) })
      }
    }

    const groups = new Map<number | null, Target[]>()
    for (const target of targets) {
      groups.set(target.parent, [...(groups.get(target.parent) ?? []), target])
    }
    const chunks = [...groups.values()].flatMap((group) => chunk(group, MAX_BATCH_SIZE))
    let stopped: ChannelError | null = null
    for (const batch of chunks) {
      if (stopped) {
        batch.forEach((t) => fail(t.update, stopped!, t.resolved))
        continue
      }
      const parent = batch[0].parent
      try {
        const answer = await this.http.call<BatchAnswer>(creds, {
          method: "POST",
          path: parent === null ? "/products/batch" : `/products/${parent}/variations/batch`,
          body: { update: batch.map((t) => ({ id: t.id, manage_stock: true, stock_quantity: t.update.quantity })) },
        })
        this.settleBatch(batch, answer.body, results)
      } catch (raw) {
        const error = toChannelError(raw)
        // Nothing settled yet: the call as a whole failed, and the pipeline treats it so.
        if (results.size === 0) {
          throw error
        }
        batch.forEach((t) => fail(t.update, error, t.resolved))
        // A refusal of one parent's batch (a 413, a 400) leaves the others worth sending.
        if (error.retryable || error.kind === "auth") {
          stopped = error
        }
      }
    }
    const items = updates.map(
      (update) =>
        results.get(itemKey(update)) ?? {
          sku: update.sku,
          location: update.location ?? null,
          outcome: "error" as const,
          error: ChannelError.transient("No result for this item", "MISSING_RESULT").toShape(),
        }
    )
    return stopped?.kind === "rate_limited" ? { items, budget: { wait_ms: stopped.retryAfterMs } } : { items }
  }

  /** One result per item of a batch answer, matched by id; WooCommerce returns what it stored. */
  private settleBatch(batch: Target[], answer: BatchAnswer | undefined, results: Map<string, PushItemResult>): void {
    const byId = new Map((Array.isArray(answer?.update) ? answer!.update : []).map((item) => [Number(item?.id), item]))
    for (const { update, id, parent, resolved } of batch) {
      const base = { sku: update.sku, location: update.location ?? null, ...(resolved ? { channel_product_id: resolved } : {}) }
      const item = byId.get(id)
      const name = parent === null ? `product ${id}` : `variation ${id} of product ${parent}`
      let result: PushItemResult
      if (!item) {
        result = { ...base, outcome: "error", error: ChannelError.transient(`WooCommerce answered the batch without ${name}`, "MISSING_RESULT").toShape() }
      } else if (item.error) {
        const code = item.error.code ?? "UNKNOWN"
        const message = `WooCommerce refused ${name}: ${item.error.message ?? code}`
        const error = /_invalid_id$/.test(code) ? ChannelError.notFound(message, code) : ChannelError.rejected(message, code)
        result = { ...base, outcome: "error", error: error.toShape() }
      } else if (item.manage_stock === true && item.stock_quantity === update.quantity) {
        result = { ...base, outcome: "success", quantity: item.stock_quantity }
      } else if (item.manage_stock === "parent") {
        result = { ...base, outcome: "error", error: parentManaged(id, parent).toShape() }
      } else {
        result = { ...base, outcome: "error", error: ChannelError.rejected(`${NOT_MANAGED_MESSAGE} (${name})`, "STOCK_NOT_MANAGED").toShape() }
      }
      results.set(itemKey(update), result)
    }
  }

  /** Products and variations by exact SKU, 100 SKUs a call. */
  private async findBySku(creds: WooCredentials, skus: string[]): Promise<Map<string, WooItem>> {
    const found = new Map<string, WooItem>()
    for (const group of skuGroups(skus)) {
      const answer = await this.http.call<WooItem[]>(creds, { method: "GET", path: "/products", query: { sku: group.join(","), per_page: PAGE_SIZE } })
      for (const item of asArray<WooItem>(answer.body, "GET /products?sku=")) {
        if (item?.sku && group.includes(item.sku) && !found.has(item.sku)) {
          found.set(item.sku, item)
        }
      }
    }
    return found
  }

  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    const creds = credentialsOf(ctx)
    let units: StockUnit[]
    let next: string | null
    if (page.skus) {
      // The cursor walks the groups of 100 SKUs.
      const groups = skuGroups(page.skus)
      const index = Number(page.cursor ?? 0)
      const wanted = groups[index] ?? []
      const found = wanted.length ? await this.findBySku(creds, wanted) : new Map<string, WooItem>()
      units = wanted.flatMap((sku) => (found.get(sku) && holdsStock(found.get(sku)!) ? [{ item: found.get(sku)!, parent: null }] : []))
      next = index + 1 < groups.length ? String(index + 1) : null
    } else {
      ;({ units, next } = await this.walkStock(creds, page.cursor))
    }
    return {
      items: units.map(({ item }) => ({ sku: item.sku!, location: null, quantity: item.stock_quantity ?? 0, updated_at: gmtIso(item.date_modified_gmt) })),
      next_cursor: next,
    }
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    const { units, next } = await this.walkStock(credentialsOf(ctx), page.cursor)
    return {
      items: units.map(({ item, parent }) => ({
        sku: item.sku!,
        channel_product_id: formatChannelId(item.id, parent?.id ?? null),
        title: parent ? variationTitle(parent, item) : item.name ?? null,
        gtin: item.global_unique_id?.trim() || null,
        status: CATALOGUE_STATUS[item.status ?? ""] ?? null,
      })),
      next_cursor: next,
    }
  }

  /**
   * One page of 100 products (the cursor is the page number), each variable product with all
   * its variations; only what holds stock under a SKU is kept.
   */
  private async walkStock(creds: WooCredentials, cursor: string | null): Promise<{ units: StockUnit[]; next: string | null }> {
    const pageNumber = Math.max(1, Number(cursor ?? 1) || 1)
    const answer = await this.http.call<WooItem[]>(creds, {
      method: "GET",
      path: "/products",
      query: { per_page: PAGE_SIZE, page: pageNumber, orderby: "id", order: "asc" },
    })
    const units: StockUnit[] = []
    for (const product of asArray<WooItem>(answer.body, "GET /products")) {
      if (product.sku && holdsStock(product)) {
        units.push({ item: product, parent: null })
      }
      if (product.type === "variable") {
        for (let page = 1, pages = 1; page <= pages; page++) {
          const variations = await this.http.call<WooItem[]>(creds, {
            method: "GET",
            path: `/products/${product.id}/variations`,
            query: { per_page: PAGE_SIZE, page, orderby: "id", order: "asc" },
          })
          pages = variations.total_pages ?? 1
          for (const variation of asArray<WooItem>(variations.body, `GET /products/${product.id}/variations`)) {
            // A variation without a SKU of its own reads back with its parent's.
            if (variation.sku && variation.sku !== product.sku) {
              units.push({ item: { ...variation, type: "variation", parent_id: product.id }, parent: product })
            }
          }
        }
      }
    }
    return { units, next: pageNumber < (answer.total_pages ?? 1) ? String(pageNumber + 1) : null }
  }

  /**
   * Orders changed since `since`, oldest change first. WooCommerce's `modified_after` is strictly
   * after and to the second, so the window opens one second early (the contract is inclusive,
   * and repeats are harmless). Pages move the window forward to the last order's second instead
   * of counting pages, so an order changed during the walk (it jumps to the end) cannot push an
   * unseen one back onto a page already read; page numbers are only used inside one second.
   */
  async fetchOrders(ctx: ChannelContext, page: { since: string; cursor: string | null }): Promise<Page<ChannelOrder>> {
    const [cursorAfter, cursorPage] = (page.cursor ?? "").split("|")
    const sinceMs = Date.parse(page.since)
    if (!cursorAfter && Number.isNaN(sinceMs)) {
      throw ChannelError.rejected(`since must be an ISO time, got ${JSON.stringify(page.since)}`, "INVALID_SINCE")
    }
    const after = cursorAfter || wooGmt(sinceMs - 1_000)
    const pageNumber = Number(cursorPage) || 1
    const answer = await this.http.call<WooOrder[]>(credentialsOf(ctx), {
      method: "GET",
      path: "/orders",
      query: { modified_after: after, dates_are_gmt: "true", orderby: "modified", order: "asc", per_page: PAGE_SIZE, page: pageNumber },
    })
    const orders = asArray<WooOrder>(answer.body, "GET /orders")
    let next: string | null = null
    if (orders.length >= PAGE_SIZE && (answer.total_pages ?? 0) > pageNumber) {
      const last = Date.parse(gmtIso(orders[orders.length - 1].date_modified_gmt) ?? "")
      const lastSecond = Number.isNaN(last) ? after : wooGmt(last - 1_000)
      next = lastSecond > after ? `${lastSecond}|1` : `${after}|${pageNumber + 1}`
    }
    return { items: orders.filter((order) => !DRAFT_STATUSES.has(order.status ?? "")).map(toChannelOrder), next_cursor: next }
  }

  /**
   * `X-WC-Webhook-Signature` is base64 HMAC-SHA256 of the raw body. WooCommerce signs with
   * `wp_specialchars_decode(secret, ENT_QUOTES)`, and a secret saved through wp-admin may be
   * stored HTML-escaped (`a&amp;b`): the configured secret is decoded the same way, so both the
   * typed and the stored form verify. The unsigned ping WooCommerce sends when a webhook is
   * saved (`webhook_id=123`, form-encoded) is let through: it carries nothing, and a refusal
   * shows the webhook as failing in wp-admin.
   */
  verifyWebhook(ctx: ChannelContext, request: WebhookRequest): boolean {
    if (isPing(request)) {
      return true
    }
    const secret = ctx.credentials.webhook_secret
    return verifyHmac({
      secret: secret ? wpSpecialcharsDecode(secret) : secret,
      raw_body: request.raw_body,
      signature: request.headers["x-wc-webhook-signature"],
      encoding: "base64",
    })
  }

  /**
   * Order topics become order events. The ping, `order.deleted` (its body is just `{ id }`),
   * other topics, drafts and orders with no lines yet give no events, and our webhook route
   * answers 200 for an empty list: WooCommerce disables a webhook after five failed deliveries
   * in a row, so only a body WooCommerce would never send is refused.
   *
   * The event id is the webhook, the order, its modification time and a digest of the body.
   * `X-WC-Webhook-Delivery-ID` is not used: it is `wp_hash(webhook id . unix second)`, so two
   * changes of one order delivered in the same second share it, and the second would be
   * skipped as a replay; the digest keeps distinct payloads apart and repeats of one together.
   */
  parseWebhook(_ctx: ChannelContext, request: WebhookRequest): WebhookEvent[] {
    if (isPing(request)) {
      return []
    }
    const topic = header(request, "x-wc-webhook-topic")
    if (!topic) {
      throw ChannelError.rejected("WooCommerce webhook has no X-WC-Webhook-Topic header", "MALFORMED_WEBHOOK")
    }
    if (!ORDER_TOPICS.has(topic)) {
      return []
    }
    let body: unknown
    try {
      body = JSON.parse(request.raw_body.toString("utf8"))
    } catch {
      throw ChannelError.rejected(`WooCommerce ${topic} webhook body is not valid JSON`, "MALFORMED_WEBHOOK")
    }
    const order = checkOrder(body, topic)
    if (!order.line_items!.length || DRAFT_STATUSES.has(order.status ?? "")) {
      return []
    }
    const digest = createHash("sha256").update(request.raw_body).digest("hex").slice(0, 16)
    const id = `${header(request, "x-wc-webhook-id") ?? "?"}:${order.id}:${order.date_modified_gmt ?? ""}:${digest}`
    return [{ id, type: "order", order: toChannelOrder(order) }]
  }
}

const ORDER_TOPICS = new Set(["order.created", "order.updated", "order.restored"])
/** Block checkout keeps an abandoned cart as a checkout-draft order; it is not a sale. */
const DRAFT_STATUSES = new Set(["checkout-draft", "draft", "auto-draft"])
const CATALOGUE_STATUS: Record<string, CatalogueStatus> = {
  publish: "active",
  draft: "inactive",
  pending: "inactive",
  private: "inactive",
  future: "inactive",
  trash: "archived",
}
const ORDER_STATUS: Record<string, ChannelOrderStatus> = { cancelled: "cancelled", refunded: "cancelled", failed: "cancelled", completed: "shipped" }

function credentialsOf(ctx: ChannelContext): WooCredentials {
  const { store_url, consumer_key, consumer_secret } = ctx.credentials
  if (!store_url || !consumer_key || !consumer_secret) {
    throw ChannelError.auth(`Channel ${ctx.channel_code} has no WooCommerce store_url, consumer_key and consumer_secret`, "MISSING_CREDENTIALS")
  }
  return { store_url, consumer_key, consumer_secret }
}

function parseChannelId(value: string | null | undefined): { id: number; parent: number | null } | null {
  const match = /^(\d+)(?::(\d+))?$/.exec(value ?? "")
  if (!match) {
    return null
  }
  return match[2] ? { id: Number(match[2]), parent: Number(match[1]) } : { id: Number(match[1]), parent: null }
}

function formatChannelId(id: number, parent: number | null): string {
  return parent ? `${parent}:${id}` : String(id)
}

function parentManaged(id: number, parent: number | null | undefined): ChannelError {
  return ChannelError.rejected(
    `WooCommerce manages the stock of variation ${id} on its parent product ${parent ?? "?"}: turn on "Manage stock?" for the variation, or list the parent's SKU instead`,
    "STOCK_MANAGED_BY_PARENT"
  )
}

/** Products that can hold a quantity; a variable product only when it manages stock itself. */
function holdsStock(item: WooItem): boolean {
  if (item.type === "grouped" || item.type === "external") {
    return false
  }
  return item.type !== "variable" || item.manage_stock === true
}

/**
 * SKUs in groups for `?sku=A,B,C` (at most 100, the page size). A SKU with a comma in it goes
 * alone: WooCommerce splits the list on commas and only adds the whole string back as one SKU.
 */
function skuGroups(skus: string[]): string[][] {
  const unique = [...new Set(skus.filter(Boolean))]
  return [...chunk(unique.filter((sku) => !sku.includes(",")), PAGE_SIZE), ...unique.filter((sku) => sku.includes(",")).map((sku) => [sku])]
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size))
  }
  return chunks
}

function asArray<T>(body: unknown, label: string): T[] {
  if (!Array.isArray(body)) {
    throw ChannelError.transient(`WooCommerce ${label} did not answer a list`, "MALFORMED_RESPONSE")
  }
  return body as T[]
}

function variationTitle(parent: WooItem, variation: WooItem): string | null {
  const options = (variation.attributes ?? []).map((attribute) => attribute.option).filter(Boolean)
  const name = parent.name ?? variation.name ?? null
  return options.length && name ? `${name} - ${options.join(", ")}` : name
}

/** WooCommerce's `_gmt` fields carry no zone ("2026-01-02T10:00:00"); ours are ISO with Z. */
function gmtIso(value: string | null | undefined): string | null {
  if (!value) {
    return null
  }
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

/** A time as WooCommerce's date parameters take it with dates_are_gmt=true: to the second, no zone. */
function wooGmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19)
}

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === "string" ? value : undefined
}

function isPing(request: WebhookRequest): boolean {
  const type = header(request, "content-type")
  return (
    request.headers["x-wc-webhook-signature"] === undefined &&
    (!type || type.startsWith("application/x-www-form-urlencoded")) &&
    /^webhook_id=\d+$/.test(request.raw_body.toString("utf8").trim())
  )
}

/**
 * PHP's `wp_specialchars_decode($text, ENT_QUOTES)`: one pass over &amp; &lt; &gt; &quot; and the
 * numeric forms of ' " < > &, so `&amp;lt;` becomes `&lt;`, as strtr does.
 */
export function wpSpecialcharsDecode(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' }
  const numeric: Record<number, string> = { 39: "'", 34: '"', 60: "<", 62: ">", 38: "&" }
  return text.replace(/&(amp|lt|gt|quot|#0*(39|34|60|62|38)|#[xX]0*(27|22|26));/g, (entity, name: string, dec?: string, hex?: string) => {
    if (dec) return numeric[Number(dec)]
    if (hex) return numeric[parseInt(hex, 16)]
    return named[name] ?? entity
  })
}

/** Refuses an order body that lacks what an import needs, naming the field. */
function checkOrder(raw: unknown, topic: string): WooOrder {
  const order = raw as Partial<WooOrder> | null
  const fail = (field: string): never => {
    throw ChannelError.rejected(`WooCommerce ${topic} webhook order has no valid ${field}`, "MALFORMED_WEBHOOK")
  }
  if (!order || typeof order !== "object") fail("body")
  if (!Number.isInteger(Number(order!.id)) || Number(order!.id) <= 0) fail("id")
  if (!Array.isArray(order!.line_items)) fail("line_items")
  order!.line_items!.forEach((line, i) => {
    if (!Number.isFinite(Number(line?.quantity))) fail(`line_items[${i}].quantity`)
  })
  if (!gmtIso(order!.date_modified_gmt) && !gmtIso(order!.date_created_gmt)) fail("date_modified_gmt")
  return order as WooOrder
}

function toChannelOrder(order: WooOrder): ChannelOrder {
  const updated = gmtIso(order.date_modified_gmt) ?? gmtIso(order.date_created_gmt) ?? new Date().toISOString()
  return {
    external_id: String(order.id),
    created_at: gmtIso(order.date_created_gmt) ?? updated,
    updated_at: updated,
    status: ORDER_STATUS[order.status ?? ""] ?? "open",
    currency_code: order.currency ? order.currency.toLowerCase() : null,
    email: order.billing?.email || null,
    lines: (order.line_items ?? []).map((line) => {
      const price = Number(line.price)
      return {
        sku: line.sku ?? "",
        quantity: Number(line.quantity),
        location: null,
        title: line.name ?? null,
        unit_price: line.price === undefined || line.price === null || Number.isNaN(price) ? null : price,
      }
    }),
  }
}
