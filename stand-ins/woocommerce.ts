import http, { IncomingMessage, ServerResponse } from "node:http"
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import type { AddressInfo } from "node:net"

/**
 * A local WooCommerce REST API v3 for adapter tests, following channels.md §4.8 and the plugin's
 * PHP source: keys checked the way WC_REST_Authentication does (HTTP Basic or consumer_key query
 * only when the site believes it is on TLS, `settings.ssl`; OAuth 1.0a query signatures with
 * timestamp window and nonce replay check otherwise), the store option `woocommerce_manage_stock`
 * and the product's `manage_stock` gating `stock_quantity` (silently), variations inheriting their
 * parent's stock ("parent"), batch endpoints with the 100-item 413 and per-item WP_Error objects
 * inside a 200, `?sku=` over products and variations, `per_page` ≤ 100 with X-WP-Total and
 * X-WP-TotalPages, orders by `modified_after`, and signed webhooks plus the unsigned ping.
 * Anything the adapter should never do is answered as WordPress would and kept in `unexpected`.
 */

const API = "/wp-json/wc/v3"
/** `woocommerce_rest_batch_items_limit`. */
export const BATCH_LIMIT = 100
const MAX_PER_PAGE = 100
/** WC_REST_Authentication accepts timestamps within 15 minutes and refuses a nonce used in that window. */
const OAUTH_WINDOW_S = 15 * 60

export type WooProduct = {
  id: number; name: string; type: "simple" | "variable" | "grouped" | "external"; status: string; sku: string
  global_unique_id: string; manage_stock: boolean; stock_quantity: number | null; variations: number[]
  date_created_gmt: string; date_modified_gmt: string
}
export type WooVariation = {
  id: number; parent_id: number; sku: string; status: string; global_unique_id: string
  attributes: { id: number; name: string; option: string }[]
  /** The variation's own setting: false under a stock-managing parent reads back as "parent". */
  manage_stock: boolean; stock_quantity: number | null; date_created_gmt: string; date_modified_gmt: string
}
export type WooLineItem = { id: number; name: string; product_id: number; variation_id: number; quantity: number; sku: string; price: number }
export type WooOrder = {
  id: number; status: string; currency: string; date_created_gmt: string; date_modified_gmt: string
  billing: { email: string }; line_items: WooLineItem[]
}
export type WooWebhook = { id: number; topic: string; delivery_url: string; secret: string; status: "active" | "paused" | "disabled" }
type Key = { secret: string; permissions: "read" | "write" | "read_write"; nonces: Map<string, number> }

export type AuthScheme = "basic" | "query" | "oauth1" | null
/** `auth`: the scheme the stand-in authenticated (or refused) the call by; `authorization`: the Authorization header's scheme as sent. */
export type RecordedRequest = {
  method: string; path: string; query: Record<string, string>; auth: AuthScheme; authorization: string | null; body: unknown; status: number; fault?: boolean
}
export type Unexpected = { method: string; path: string; reason: string }
export type Fault = { status: number; retry_after?: string | number; body?: string }
export type Delivery = { webhook_id: number; delivery_id: string; topic: string; status: number }

/** A time as WooCommerce's `_gmt` fields print it: to the second, no zone. */
export const gmt = (ms: number = Date.now()) => new Date(ms).toISOString().slice(0, 19)

class WpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly params?: Record<string, string>) {
    super(message)
  }
}

export class WooStore {
  settings = { site_name: "Stand-in Shop", manage_stock: true, ssl: true }
  keys = new Map<string, Key>()
  products = new Map<number, WooProduct>()
  variations = new Map<number, WooVariation>()
  orders = new Map<number, WooOrder>()
  webhooks = new Map<number, WooWebhook>()
  private seq = 100
  /** Called after every stock write a batch applies (benches time channel latency with it). */
  onStock?: (change: { sku: string; quantity: number | null; at: number }) => void

  reset(): void {
    this.settings = { site_name: "Stand-in Shop", manage_stock: true, ssl: true }
    for (const map of [this.keys, this.products, this.variations, this.orders, this.webhooks]) map.clear()
    this.seq = 100
  }
  addKey(consumer_key: string, consumer_secret: string, permissions: Key["permissions"] = "read_write"): void {
    this.keys.set(consumer_key, { secret: consumer_secret, permissions, nonces: new Map() })
  }
  /** New products do not manage stock, as in wp-admin. */
  addProduct(input: Partial<WooProduct> & { sku: string }): WooProduct {
    const now = gmt()
    const product: WooProduct = {
      id: ++this.seq, name: `Product ${input.sku}`, type: "simple", status: "publish", global_unique_id: "", manage_stock: false,
      stock_quantity: null, date_created_gmt: now, date_modified_gmt: now, ...input, variations: [],
    }
    this.products.set(product.id, product)
    return product
  }
  addVariation(parent: WooProduct, input: Partial<WooVariation> & { sku: string }): WooVariation {
    const now = gmt()
    const variation: WooVariation = {
      id: ++this.seq, parent_id: parent.id, status: "publish", global_unique_id: "", attributes: [], manage_stock: false,
      stock_quantity: null, date_created_gmt: now, date_modified_gmt: now, ...input,
    }
    this.variations.set(variation.id, variation)
    parent.variations.push(variation.id)
    return variation
  }
  addOrder(input: Partial<Omit<WooOrder, "line_items">> & { line_items: Omit<WooLineItem, "id">[] }): WooOrder {
    const now = gmt()
    const order: WooOrder = {
      id: ++this.seq, status: "processing", currency: "EUR", date_created_gmt: input.date_modified_gmt ?? now, date_modified_gmt: now,
      billing: { email: "buyer@example.com" }, ...input, line_items: input.line_items.map((line) => ({ ...line, id: ++this.seq })),
    }
    this.orders.set(order.id, order)
    return order
  }
  addWebhook(input: Omit<WooWebhook, "id" | "status"> & { status?: WooWebhook["status"] }): WooWebhook {
    const webhook: WooWebhook = { id: ++this.seq, status: "active", ...input }
    this.webhooks.set(webhook.id, webhook)
    return webhook
  }

  /** WC_Product_Variation::get_manage_stock / managing_stock in view context. */
  managing(item: WooProduct | WooVariation): boolean | "parent" {
    if (!this.settings.manage_stock) return false
    if (item.manage_stock) return true
    const parent = "parent_id" in item ? this.products.get(item.parent_id) : undefined
    return parent?.manage_stock ? "parent" : false
  }
  stockOf(item: WooProduct | WooVariation): number | null {
    const parent = "parent_id" in item ? this.products.get(item.parent_id) : undefined
    return !item.manage_stock && parent?.manage_stock ? parent.stock_quantity : item.stock_quantity
  }
  productJson(p: WooProduct) {
    return {
      id: p.id, name: p.name, type: p.type, status: p.status, sku: p.sku, global_unique_id: p.global_unique_id, parent_id: 0,
      manage_stock: this.managing(p), stock_quantity: p.stock_quantity,
      date_created_gmt: p.date_created_gmt, date_modified_gmt: p.date_modified_gmt, variations: [...p.variations],
    }
  }
  /** As /variations answers it; through /products?sku= it also has the products controller's name, type and parent_id. */
  variationJson(v: WooVariation, viaProducts = false) {
    const parent = this.products.get(v.parent_id)
    const base = {
      id: v.id, sku: v.sku || parent?.sku || "", status: v.status, global_unique_id: v.global_unique_id, attributes: v.attributes,
      manage_stock: this.managing(v), stock_quantity: this.stockOf(v), date_created_gmt: v.date_created_gmt, date_modified_gmt: v.date_modified_gmt,
    }
    const name = [parent?.name ?? "", v.attributes.map((a) => a.option).join(", ")].filter(Boolean).join(" - ")
    return viaProducts ? { ...base, name, type: "variation", parent_id: v.parent_id } : base
  }

  /** WC_REST_Products_Controller::prepare_object_for_database, stock part: the store option gates it all. */
  updateProduct(item: Record<string, unknown>) {
    const p = this.products.get(Number(item.id))
    if (!p) throw new WpError(400, "woocommerce_rest_product_invalid_id", "Invalid ID.")
    if (this.settings.manage_stock) {
      if (item.manage_stock !== undefined) p.manage_stock = item.manage_stock === true || item.manage_stock === "yes"
      if (p.type === "grouped" || p.type === "external") {
        p.manage_stock = false
        p.stock_quantity = null
      } else if (p.manage_stock) {
        if (typeof item.stock_quantity === "number") p.stock_quantity = Math.trunc(item.stock_quantity)
      } else {
        p.stock_quantity = null
      }
    }
    p.date_modified_gmt = gmt()
    this.onStock?.({ sku: p.sku, quantity: p.stock_quantity, at: Date.now() })
    return this.productJson(p)
  }
  /** The variations controller: no store-option check, manage_stock: true makes the variation manage its own stock. */
  updateVariation(parentId: number, item: Record<string, unknown>) {
    const v = this.variations.get(Number(item.id))
    if (!v || v.parent_id !== parentId) throw new WpError(400, "woocommerce_rest_product_variation_invalid_id", "Invalid ID.")
    if (item.manage_stock !== undefined) v.manage_stock = item.manage_stock === true || item.manage_stock === "yes"
    // get_manage_stock() in view context is "parent" (truthy) for an inheriting variation.
    if (v.manage_stock || this.products.get(parentId)?.manage_stock) {
      if (typeof item.stock_quantity === "number") v.stock_quantity = Math.trunc(item.stock_quantity)
    } else {
      v.stock_quantity = null
    }
    v.date_modified_gmt = gmt()
    this.onStock?.({ sku: v.sku, quantity: this.stockOf(v), at: Date.now() })
    return this.variationJson(v)
  }
  orderJson(o: WooOrder) {
    return { ...o, billing: { ...o.billing }, line_items: o.line_items.map((line) => ({ ...line })) }
  }
}

export type WooCommerceStandIn = {
  url: string
  store: WooStore
  requests: RecordedRequest[]
  unexpected: Unexpected[]
  /** Milliseconds every answer waits before it is worked out (a shop's real answer time). */
  latency_ms: number
  /** Answers the next calls with these faults in order; a null lets that call through. */
  setFaults(config: { queue?: (Fault | null)[] }): void
  /** Delivers `topic` for the order to every active webhook of that topic, as WC_Webhook::deliver does. */
  sendOrderWebhook(order: WooOrder, topic: string): Promise<Delivery[]>
  /** The unsigned ping WooCommerce sends when a webhook is saved. */
  sendPing(url: string, webhookId?: number): Promise<number>
  close(): Promise<void>
}

type Ctx = { req: IncomingMessage; res: ServerResponse; url: URL; body: unknown; params: string[]; record: RecordedRequest }
type Route = { method: string; pattern: RegExp; auth: "none" | "read" | "write"; denied: [string, string]; handle: (ctx: Ctx) => unknown }

export async function startWooCommerceStandIn(options: { store?: WooStore; port?: number } = {}): Promise<WooCommerceStandIn> {
  const store = options.store ?? new WooStore()
  const requests: RecordedRequest[] = []
  const unexpected: Unexpected[] = []
  let faults: (Fault | null)[] = []
  let url = ""

  const offContract = (ctx: Ctx, reason: string) => unexpected.push({ method: ctx.req.method ?? "", path: ctx.url.pathname, reason })
  /** WordPress's answer to a parameter its schema refuses; the adapter should never send one. */
  const invalidParam = (ctx: Ctx, name: string, rule: string): never => {
    offContract(ctx, `${name}=${ctx.url.searchParams.get(name)}`)
    throw new WpError(400, "rest_invalid_param", `Invalid parameter(s): ${name}`, { [name]: rule })
  }
  const cannotView: [string, string] = ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."]
  const cannotBatch: [string, string] = ["woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource."]

  /** per_page (1..100, default 10) and page, with the headers WordPress adds to every collection. */
  const paginate = <T>(ctx: Ctx, items: T[]): T[] => {
    const q = ctx.url.searchParams
    const perPage = Number(q.get("per_page") ?? 10)
    const page = Number(q.get("page") ?? 1)
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) invalidParam(ctx, "per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)")
    if (!Number.isInteger(page) || page < 1) invalidParam(ctx, "page", "page must be greater than or equal to 1")
    const pages = Math.ceil(items.length / perPage)
    ctx.res.setHeader("X-WP-Total", String(items.length))
    ctx.res.setHeader("X-WP-TotalPages", String(pages))
    if (page < pages) ctx.res.setHeader("Link", `<${url}${ctx.url.pathname}?page=${page + 1}&per_page=${perPage}>; rel="next"`)
    return items.slice((page - 1) * perPage, page * perPage)
  }
  /** orderby / order as the collections take them (WordPress defaults: date, desc). */
  const sortBy = <T extends { id: number; date_created_gmt: string; date_modified_gmt: string }>(ctx: Ctx, items: T[]): T[] => {
    const orderby = ctx.url.searchParams.get("orderby") ?? "date"
    const order = ctx.url.searchParams.get("order") ?? "desc"
    if (!["date", "id", "modified"].includes(orderby)) invalidParam(ctx, "orderby", "orderby is not one of date, id, modified")
    if (!["asc", "desc"].includes(order)) invalidParam(ctx, "order", "order is not one of asc, desc")
    const key = (item: T) => (orderby === "id" ? "" : orderby === "modified" ? item.date_modified_gmt : item.date_created_gmt)
    const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id)
    return order === "asc" ? sorted : sorted.reverse()
  }
  const batch = (ctx: Ctx, update: (item: Record<string, unknown>) => unknown) => {
    const body = ctx.body as { create?: unknown[]; update?: unknown[]; delete?: unknown[] } | null
    if (!body || typeof body !== "object") {
      offContract(ctx, "batch body is not a JSON object")
      throw new WpError(400, "rest_invalid_json", "Invalid JSON body passed.")
    }
    const total = ["create", "update", "delete"].reduce((n, k) => n + (Array.isArray(body[k as "update"]) ? body[k as "update"]!.length : 0), 0)
    if (total > BATCH_LIMIT) {
      offContract(ctx, `${total} batch items`)
      throw new WpError(413, "woocommerce_rest_request_entity_too_large", `Unable to accept more than ${BATCH_LIMIT} items for this request.`)
    }
    if (body.create?.length || body.delete?.length) offContract(ctx, "batch create/delete from an inventory adapter")
    return {
      update: (body.update ?? []).map((raw) => {
        const item = (raw ?? {}) as Record<string, unknown>
        try {
          return update(item)
        } catch (error) {
          if (!(error instanceof WpError)) throw error
          return { id: item.id, error: { code: error.code, message: error.message, data: { status: error.status } } }
        }
      }),
    }
  }

  const routes: Route[] = [
    { method: "GET", pattern: /^\/wp-json\/?$/, auth: "none", denied: cannotView, handle: () => ({
      name: store.settings.site_name, description: "Just another WooCommerce store", url, home: url, gmt_offset: 0, timezone_string: "UTC",
      namespaces: ["oembed/1.0", "wc/v3", "wp/v2"], authentication: {}, routes: {},
    }) },
    { method: "GET", pattern: /^\/products$/, auth: "read", denied: cannotView, handle: (ctx) => {
      const q = ctx.url.searchParams
      const status = q.get("status") ?? "any"
      const visible = (s: string) => (status === "any" ? s !== "trash" : s === status)
      const sku = q.get("sku")
      if (!sku) return paginate(ctx, sortBy(ctx, [...store.products.values()].filter((p) => visible(p.status)))).map((p) => store.productJson(p))
      // A list is split on commas and the whole string is matched too (WC_REST_Products_Controller).
      const parts = sku.split(",")
      const wanted = new Set(parts.length > 1 ? [...parts, sku] : parts)
      const matches = [
        ...[...store.products.values()].filter((p) => visible(p.status) && wanted.has(p.sku)).map((p) => ({ ...p, json: store.productJson(p) })),
        ...[...store.variations.values()].filter((v) => visible(v.status) && v.sku && wanted.has(v.sku)).map((v) => ({ ...v, json: store.variationJson(v, true) })),
      ]
      return paginate(ctx, sortBy(ctx, matches)).map((m) => m.json)
    } },
    { method: "POST", pattern: /^\/products\/batch$/, auth: "write", denied: cannotBatch, handle: (ctx) => batch(ctx, (item) => store.updateProduct(item)) },
    { method: "GET", pattern: /^\/products\/(\d+)\/variations$/, auth: "read", denied: cannotView, handle: (ctx) => {
      const parent = store.products.get(Number(ctx.params[0]))
      if (!parent) throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.")
      const variations = parent.variations.map((id) => store.variations.get(id)!).filter(Boolean)
      return paginate(ctx, sortBy(ctx, variations)).map((v) => store.variationJson(v))
    } },
    { method: "POST", pattern: /^\/products\/(\d+)\/variations\/batch$/, auth: "write", denied: cannotBatch, handle: (ctx) =>
      batch(ctx, (item) => store.updateVariation(Number(ctx.params[0]), item)) },
    { method: "GET", pattern: /^\/orders$/, auth: "read", denied: cannotView, handle: (ctx) => {
      const after = ctx.url.searchParams.get("modified_after")
      let afterMs = -Infinity
      if (after !== null) {
        // rest_parse_date's RFC 3339 pattern; with dates_are_gmt=true the time is GMT (the site is on UTC anyway).
        if (!/^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?$/.test(after)) invalidParam(ctx, "modified_after", "Invalid date.")
        afterMs = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(after) ? after : `${after}Z`)
      }
      // WP_Date_Query "after" is exclusive.
      const changed = [...store.orders.values()].filter((o) => Date.parse(`${o.date_modified_gmt}Z`) > afterMs)
      return paginate(ctx, sortBy(ctx, changed)).map((o) => store.orderJson(o))
    } },
  ]

  /** What WC_REST_Authentication makes of the request: the key it found, the scheme, or an error. */
  const authenticate = (req: IncomingMessage, reqUrl: URL): { key: Key | null; scheme: AuthScheme; error?: WpError } => {
    const q = reqUrl.searchParams
    if (store.settings.ssl) {
      let pair: [string, string] | null = null
      let scheme: AuthScheme = null
      if (q.get("consumer_key") && q.get("consumer_secret")) {
        pair = [q.get("consumer_key")!, q.get("consumer_secret")!]
        scheme = "query"
      } else if (/^Basic /i.test(req.headers.authorization ?? "")) {
        const decoded = Buffer.from(req.headers.authorization!.slice(6).trim(), "base64").toString("utf8")
        const colon = decoded.indexOf(":")
        if (colon > 0) pair = [decoded.slice(0, colon), decoded.slice(colon + 1)]
        scheme = "basic"
      }
      const key = pair ? store.keys.get(pair[0]) : undefined
      if (pair && key) {
        return safeEqual(key.secret, pair[1]) ? { key, scheme } : { key: null, scheme, error: new WpError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.") }
      }
    }
    const names = ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"]
    const missing = names.filter((name) => !q.get(name))
    if (missing.length === names.length) return { key: null, scheme: null }
    if (missing.length) return { key: null, scheme: "oauth1", error: new WpError(401, "woocommerce_rest_authentication_missing_parameter", `Missing OAuth parameter${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`) }
    const key = store.keys.get(q.get("oauth_consumer_key")!)
    const refuse = (message: string) => ({ key: null, scheme: "oauth1" as const, error: new WpError(401, "woocommerce_rest_authentication_error", message) })
    if (!key) return refuse("Consumer key is invalid.")
    // check_oauth_signature: strcmp-sorted keys, each key and value rawurlencoded, "k=v" encoded again, joined by %26.
    const params = [...q.entries()].filter(([name]) => name !== "oauth_signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const query = params.map(([k, v]) => rawurlencode(`${rawurlencode(k)}=${rawurlencode(v)}`)).join("%26")
    // get_home_url( null, $path, is_ssl() ? 'https' : 'http' ): the site's own address, not the Host header.
    const home = `${store.settings.ssl ? "https" : "http"}://${new URL(url).host}${reqUrl.pathname}`
    const method = q.get("oauth_signature_method")
    if (method !== "HMAC-SHA1" && method !== "HMAC-SHA256") return refuse("Invalid signature - signature method is invalid.")
    const expected = createHmac(method === "HMAC-SHA1" ? "sha1" : "sha256", `${key.secret}&`)
      .update(`${req.method}&${rawurlencode(home)}&${query}`)
      .digest("base64")
    if (!safeEqual(expected, q.get("oauth_signature")!.replace(/ /g, "+"))) return refuse("Invalid signature - provided signature does not match.")
    const timestamp = Number(q.get("oauth_timestamp"))
    const now = Math.floor(Date.now() / 1_000)
    if (!(Math.abs(timestamp - now) <= OAUTH_WINDOW_S)) return refuse("Invalid timestamp.")
    const nonce = q.get("oauth_nonce")!
    for (const [used, at] of key.nonces) if (at < now - OAUTH_WINDOW_S) key.nonces.delete(used)
    if (key.nonces.has(nonce)) return refuse("Invalid nonce - nonce has already been used.")
    key.nonces.set(nonce, timestamp)
    return { key, scheme: "oauth1" }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const reqUrl = new URL(req.url ?? "/", "http://stand-in")
    const record: RecordedRequest = {
      method: req.method ?? "", path: reqUrl.pathname, auth: null, authorization: req.headers.authorization?.split(" ")[0] ?? null, body: undefined,
      status: 0, query: Object.fromEntries([...reqUrl.searchParams].filter(([k]) => !k.startsWith("oauth_"))),
    }
    requests.push(record)
    // A real shop's answer time (benches inject it; tests leave it at 0).
    if (standIn.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, standIn.latency_ms))
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers })
      res.end(typeof body === "string" ? body : JSON.stringify(body))
    }
    const fault = faults.shift()
    if (fault) {
      record.fault = true
      const headers: Record<string, string> = fault.retry_after !== undefined ? { "retry-after": String(fault.retry_after) } : {}
      const body = fault.body ?? JSON.stringify({ code: fault.status === 429 ? "too_many_requests" : "internal_server_error", message: fault.status === 429 ? "Too many requests." : "There has been a critical error on this website.", data: { status: fault.status } })
      return send(fault.status, body, headers)
    }
    // wc/v3 routes match the path under the namespace; the site index matches the whole path.
    const pathFor = (r: Route) => (r.auth === "none" ? reqUrl.pathname : reqUrl.pathname.startsWith(`${API}/`) ? reqUrl.pathname.slice(API.length) : "")
    const route = routes.find((r) => r.method === req.method && r.pattern.test(pathFor(r)))
    const ctx: Ctx = { req, res, url: reqUrl, body: undefined, params: [], record }
    if (!route) {
      offContract(ctx, "no route")
      return send(404, { code: "rest_no_route", message: "No route was found matching the URL and request method.", data: { status: 404 } })
    }
    ctx.params = (route.pattern.exec(pathFor(route)) ?? []).slice(1)
    try {
      if (raw) {
        try {
          ctx.body = record.body = JSON.parse(raw)
        } catch {
          offContract(ctx, "body is not JSON")
          throw new WpError(400, "rest_invalid_json", "Invalid JSON body passed.")
        }
      }
      if (route.auth !== "none") {
        const { key, scheme, error } = authenticate(req, reqUrl)
        record.auth = scheme
        if (error) throw error
        if (!key) throw new WpError(401, route.denied[0], route.denied[1])
        if (route.auth === "write" && key.permissions === "read") throw new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions.")
        if (route.auth === "read" && key.permissions === "write") throw new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions.")
      }
      return send(200, route.handle(ctx))
    } catch (error) {
      if (!(error instanceof WpError)) throw error
      return send(error.status, { code: error.code, message: error.message, data: { status: error.status, ...(error.params ? { params: error.params } : {}) } })
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((error: Error) => {
        unexpected.push({ method: req.method ?? "", path: req.url ?? "", reason: `stand-in crashed: ${error.message}` })
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" })
        res.end(JSON.stringify({ code: "internal_server_error", message: error.message, data: { status: 500 } }))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post = async (target: string, headers: Record<string, string>, body: string) => {
    try {
      const response = await fetch(target, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) })
      await response.arrayBuffer().catch(() => undefined)
      return response.status
    } catch {
      return 0
    }
  }
  const userAgent = "WooCommerce/9.8.0 Hookshot (WordPress/6.8)"

  const standIn: WooCommerceStandIn = {
    url,
    store,
    requests,
    unexpected,
    latency_ms: 0,
    setFaults: (config) => {
      faults = [...(config.queue ?? [])]
    },
    async sendOrderWebhook(order, topic) {
      const deliveries: Delivery[] = []
      const [resource, event] = topic.split(".")
      for (const webhook of store.webhooks.values()) {
        if (webhook.topic !== topic || webhook.status !== "active") continue
        // wp_json_encode escapes slashes; the signature covers exactly these bytes.
        const payload = JSON.stringify(event === "deleted" ? { id: order.id } : store.orderJson(order)).replace(/\//g, "\\/")
        const signature = createHmac("sha256", wpSpecialcharsDecode(webhook.secret)).update(payload).digest("base64")
        // WC_Webhook::get_new_delivery_id: wp_hash( id . strtotime('now') ), so one per webhook and second.
        const deliveryId = createHash("md5").update(`${webhook.id}${Math.floor(Date.now() / 1_000)}`).digest("hex")
        const status = await post(webhook.delivery_url, {
          "content-type": "application/json", "user-agent": userAgent, "x-wc-webhook-source": `${url}/`, "x-wc-webhook-topic": topic,
          "x-wc-webhook-resource": resource, "x-wc-webhook-event": event, "x-wc-webhook-signature": signature,
          "x-wc-webhook-id": String(webhook.id), "x-wc-webhook-delivery-id": deliveryId,
        }, payload)
        deliveries.push({ webhook_id: webhook.id, delivery_id: deliveryId, topic, status })
      }
      return deliveries
    },
    sendPing: (target, webhookId = 1) =>
      post(target, { "content-type": "application/x-www-form-urlencoded; charset=UTF-8", "user-agent": userAgent }, `webhook_id=${webhookId}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  return standIn
}

/** PHP rawurlencode (RFC 3986 unreserved characters kept). */
function rawurlencode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** wp_specialchars_decode($secret, ENT_QUOTES), which WC_Webhook::generate_signature applies. */
export function wpSpecialcharsDecode(text: string): string {
  const table: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#039;": "'", "&#x27;": "'", "&#034;": '"', "&#x22;": '"', "&#060;": "<", "&#062;": ">", "&#038;": "&", "&#x26;": "&" }
  const padded = text.replace(/&#0*(39|34|60|62|38);/g, (_m, n: string) => `&#0${n.padStart(2, "0")};`).replace(/&#x0*(27|22|26);/gi, (_m, n: string) => `&#x${n};`)
  return padded.replace(/&(?:amp|lt|gt|quot|#039|#x27|#034|#x22|#060|#062|#038|#x26);/g, (entity) => table[entity] ?? entity)
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
