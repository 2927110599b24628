import http, { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/**
 * A local eBay Sell Inventory v1 / Sell Fulfillment v1 for adapter tests, following channels.md
 * §3.7: the OAuth token endpoint (Basic app keys, refresh-token grant, tokens that expire after a
 * configurable time), Bearer checks (401 errorId 1001), bulkUpdatePriceQuantity with at most 25
 * entries and per-SKU 200/207 results (25702 unknown SKU, 25713 unpublished offer, 25025 and any
 * other error on demand), bulkGetInventoryItem, paged getInventoryItems, getOffers by SKU (and
 * marketplace), and getOrders with the `lastmodifieddate:[..]` filter, refusing brackets that are
 * not URL-encoded. A faults queue answers API calls (not the token endpoint) with a status first.
 * Anything the adapter should never do is answered as eBay would and kept in `unexpected`.
 *
 * Listings (channels.md §3.2, §3.6): the store is one seller account. A published offer's listing
 * whose effective quantity reaches 0 ends (listingStatus ENDED) unless the account has
 * Out-of-Stock Control, which keeps it alive and hidden (OUT_OF_STOCK) and revives it when stock
 * returns; a raise on an ENDED listing updates the item, and the listing stays ended. Each SKU
 * takes 250 revisions per calendar day (the day in {@link REVISION_DAY_TIME_ZONE} on the store's
 * clock, `store.now`); the 251st is refused with {@link REVISION_LIMIT_ERROR_ID}.
 */

export const BULK_LIMIT = 25
const INV = "/sell/inventory/v1"
const FUL = "/sell/fulfillment/v1"
const TOKEN_PATH = "/identity/v1/oauth2/token"
const REQUIRED_SCOPES = ["https://api.ebay.com/oauth/api_scope/sell.inventory", "https://api.ebay.com/oauth/api_scope/sell.fulfillment"]
/** eBay: "each listing can be revised up to 250 times in one calendar day" [V: method descriptions]. */
export const REVISIONS_PER_DAY = 250
/** eBay does not say whose calendar day; assumed to be eBay time (US Pacific), as the adapter assumes. */
export const REVISION_DAY_TIME_ZONE = "America/Los_Angeles"
/**
 * Assumed: eBay documents no errorId for the revision cap. 25002 is the documented catch-all user
 * error of bulkUpdatePriceQuantity ("details in parameters"), so the message carries the reason.
 */
export const REVISION_LIMIT_ERROR_ID = 25002

export type EbayItem = { sku: string; quantity: number; title: string; ean?: string[]; upc?: string[]; isbn?: string[] }
/** ListingStatusEnum [V: developer.ebay.com slr:ListingStatusEnum]; only published offers have a listing. */
export type EbayListingStatus = "ACTIVE" | "OUT_OF_STOCK" | "INACTIVE" | "ENDED" | "EBAY_ENDED" | "NOT_LISTED"
export type EbayOffer = {
  offerId: string; sku: string; status: "PUBLISHED" | "UNPUBLISHED"; availableQuantity: number | null; marketplaceId: string
  listingStatus: EbayListingStatus
}
export type EbayOrderLine = { sku: string; title: string; quantity: number; unitPrice: number }
export type EbayOrder = {
  orderId: string; creationDate: string; lastModifiedDate: string; orderFulfillmentStatus: "NOT_STARTED" | "IN_PROGRESS" | "FULFILLED"
  cancelState: "NONE_REQUESTED" | "IN_PROGRESS" | "CANCELED"; currency: string; email: string; lines: EbayOrderLine[]
}
export type EbayErrorBody = { errorId: number; domain: string; category: string; message: string; longMessage?: string }
/** `at`: when the answer was sent (ms since the epoch, real time). */
export type RecordedRequest = { method: string; path: string; raw: string; body: unknown; status: number; at: number; fault?: boolean }
export type Unexpected = { method: string; path: string; reason: string }
export type Fault = { status: number; retry_after?: string | number }

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: REVISION_DAY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
/** The calendar day (YYYY-MM-DD) in eBay's assumed time zone. */
export const revisionDay = (ms: number) => dayFormat.format(ms)
const ebayError = (errorId: number, message: string, category = "REQUEST"): EbayErrorBody => ({ errorId, domain: "API_INVENTORY", category, message, longMessage: message })
const ENDED: readonly EbayListingStatus[] = ["ENDED", "EBAY_ENDED"]

export class EbayStore {
  /** App keys (client_id → client_secret) and refresh tokens the stand-in accepts. */
  clients = new Map<string, string>()
  refreshTokens = new Set<string>()
  items = new Map<string, EbayItem>()
  offers = new Map<string, EbayOffer>()
  orders = new Map<string, EbayOrder>()
  /** Access tokens issued, with when the stand-in stops accepting them. */
  tokens = new Map<string, number>()
  /** Token exchanges answered 200. */
  exchanges = 0
  /** `expires_in` the token endpoint reports, and how long a token actually works (ms). */
  expires_in_s = 7_200
  token_lifetime_ms = 7_200_000
  /** Applied bulk updates per calendar day and SKU (the revision cap counts these). */
  revisions = new Map<string, Map<string, number>>()
  revision_cap = REVISIONS_PER_DAY
  /** The clock the revision day is read from; tests move it to the next day. Tokens keep real time. */
  now: () => number = () => Date.now()
  /** The account's Out-of-Stock Control preference (SetUserPreferences OutOfStockControlPreference). */
  out_of_stock_control = false
  /**
   * How an offer's availableQuantity combines with the item's (channels.md §3.2 [U]): the listing
   * shows the smaller ("min", the bulk-updates guide and KB 5100), or the offer's overrides.
   */
  quantity_rule: "min" | "offer_overrides" = "min"
  /** Errors the next bulk updates give for a SKU, in order (e.g. 25025 concurrent access). */
  injected = new Map<string, { statusCode: number; error: EbayErrorBody }[]>()
  /** Orders come back oldest change first ("asc") or newest first ("desc"). */
  order_sort: "asc" | "desc" = "asc"
  private seq = 0

  reset(): void {
    for (const map of [this.clients, this.items, this.offers, this.orders, this.tokens, this.revisions, this.injected]) map.clear()
    this.refreshTokens.clear()
    this.exchanges = 0
    this.expires_in_s = 7_200
    this.token_lifetime_ms = 7_200_000
    this.order_sort = "asc"
    this.revision_cap = REVISIONS_PER_DAY
    this.now = () => Date.now()
    this.out_of_stock_control = false
    this.quantity_rule = "min"
    this.seq = 0
  }
  addClient(clientId: string, clientSecret: string, refreshToken: string): void {
    this.clients.set(clientId, clientSecret)
    this.refreshTokens.add(refreshToken)
  }
  addItem(input: Partial<EbayItem> & { sku: string }): EbayItem {
    const item: EbayItem = { quantity: 0, title: `Item ${input.sku}`, ...input }
    this.items.set(item.sku, item)
    return item
  }
  addOffer(sku: string, status: EbayOffer["status"] = "PUBLISHED", availableQuantity: number | null = null, marketplaceId = "EBAY_US"): EbayOffer {
    const offer: EbayOffer = {
      offerId: String(5_000_000_000 + ++this.seq), sku, status, availableQuantity, marketplaceId,
      listingStatus: status === "PUBLISHED" ? "ACTIVE" : "NOT_LISTED",
    }
    this.offers.set(offer.offerId, offer)
    return offer
  }
  addOrder(input: Partial<EbayOrder> & { lines: EbayOrderLine[] }): EbayOrder {
    const now = new Date().toISOString()
    const order: EbayOrder = {
      orderId: `27-${String(10_000 + ++this.seq)}-${String(this.seq).padStart(5, "0")}`, creationDate: now, lastModifiedDate: now,
      orderFulfillmentStatus: "NOT_STARTED", cancelState: "NONE_REQUESTED", currency: "USD", email: "buyer@example.com", ...input,
    }
    this.orders.set(order.orderId, order)
    return order
  }
  /** The next bulk update of `sku` answers this error for it. */
  inject(sku: string, errorId: number, message: string, statusCode = errorId === 25025 ? 500 : 400): void {
    this.injected.set(sku, [...(this.injected.get(sku) ?? []), { statusCode, error: ebayError(errorId, message, statusCode >= 500 ? "APPLICATION" : "REQUEST") }])
  }
  /** Makes every issued token expire now (the next API call is a 401). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0)
  }
  revisionsToday(sku: string): number {
    return this.revisions.get(revisionDay(this.now()))?.get(sku) ?? 0
  }
  countRevision(sku: string): void {
    const key = revisionDay(this.now())
    const today = this.revisions.get(key) ?? new Map<string, number>()
    today.set(sku, (today.get(sku) ?? 0) + 1)
    this.revisions.set(key, today)
  }
  offersOf(sku: string): EbayOffer[] {
    return [...this.offers.values()].filter((o) => o.sku === sku)
  }
  /** What buyers can buy through this offer's listing. */
  effectiveQuantity(offer: EbayOffer): number {
    if (offer.status !== "PUBLISHED" || ENDED.includes(offer.listingStatus)) return 0
    const item = this.items.get(offer.sku)?.quantity ?? 0
    if (offer.availableQuantity === null) return item
    return this.quantity_rule === "min" ? Math.min(item, offer.availableQuantity) : offer.availableQuantity
  }
  /**
   * After a revision: a live listing at 0 ends without Out-of-Stock Control and hides with it; a
   * hidden one comes back above 0. An ended listing stays ended (only relisting revives it).
   */
  settleListings(sku: string): void {
    for (const offer of this.offersOf(sku)) {
      if (offer.status !== "PUBLISHED" || !["ACTIVE", "OUT_OF_STOCK"].includes(offer.listingStatus)) continue
      const quantity = this.effectiveQuantity(offer)
      if (quantity === 0) offer.listingStatus = this.out_of_stock_control ? "OUT_OF_STOCK" : "ENDED"
      else if (offer.listingStatus === "OUT_OF_STOCK") offer.listingStatus = "ACTIVE"
    }
  }
  itemJson(item: EbayItem) {
    return {
      sku: item.sku, locale: "en_US", condition: "NEW",
      availability: { shipToLocationAvailability: { quantity: item.quantity } },
      product: { title: item.title, ...(item.ean ? { ean: item.ean } : {}), ...(item.upc ? { upc: item.upc } : {}), ...(item.isbn ? { isbn: item.isbn } : {}) },
    }
  }
  offerJson(offer: EbayOffer) {
    return {
      offerId: offer.offerId, sku: offer.sku, marketplaceId: offer.marketplaceId, format: "FIXED_PRICE", status: offer.status,
      ...(offer.availableQuantity !== null ? { availableQuantity: offer.availableQuantity } : {}),
      ...(offer.status === "PUBLISHED" ? { listing: { listingId: `11${offer.offerId}`, listingStatus: offer.listingStatus, soldQuantity: 0 } } : {}),
    }
  }
  orderJson(order: EbayOrder) {
    const total = order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0)
    return {
      orderId: order.orderId, legacyOrderId: order.orderId, creationDate: order.creationDate, lastModifiedDate: order.lastModifiedDate,
      orderFulfillmentStatus: order.orderFulfillmentStatus, orderPaymentStatus: "PAID", cancelStatus: { cancelState: order.cancelState, cancelRequests: [] },
      pricingSummary: { total: { value: total.toFixed(2), currency: order.currency } },
      buyer: { username: "stand_in_buyer", buyerRegistrationAddress: { email: order.email } },
      lineItems: order.lines.map((line, i) => ({
        lineItemId: `${order.orderId}-${i + 1}`, sku: line.sku, title: line.title, quantity: line.quantity, legacyItemId: "110000000000",
        lineItemCost: { value: (line.unitPrice * line.quantity).toFixed(2), currency: order.currency }, lineItemFulfillmentStatus: order.orderFulfillmentStatus,
      })),
    }
  }
}

export type EbayStandIn = {
  url: string
  store: EbayStore
  requests: RecordedRequest[]
  unexpected: Unexpected[]
  /** Answers the next API calls with these faults in order; a null lets that call through. */
  setFaults(config: { queue?: (Fault | null)[] }): void
  close(): Promise<void>
}

class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}`)
  }
}
const fail = (status: number, errorId: number, message: string, category = "REQUEST"): never => {
  throw new HttpError(status, { errors: [ebayError(errorId, message, category)] })
}

/** `raw`: the request target as sent (API routes, to see unencoded brackets) or the form body (token endpoint). */
type Ctx = { req: IncomingMessage; url: URL; raw: string; body: unknown; params: string[] }

export async function startEbayStandIn(options: { store?: EbayStore; port?: number } = {}): Promise<EbayStandIn> {
  const store = options.store ?? new EbayStore()
  const requests: RecordedRequest[] = []
  const unexpected: Unexpected[] = []
  let faults: (Fault | null)[] = []
  let tokenSeq = 0

  const offContract = (ctx: Ctx, reason: string) => unexpected.push({ method: ctx.req.method ?? "", path: ctx.url.pathname, reason })
  const intParam = (ctx: Ctx, name: string, fallback: number, min: number, max: number): number => {
    const raw = ctx.url.searchParams.get(name)
    const value = raw === null ? fallback : Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      offContract(ctx, `${name}=${raw}`)
      fail(400, 25709, `Invalid value for ${name}.`)
    }
    return value
  }
  const jsonBody = (ctx: Ctx): Record<string, unknown> => {
    if (!/^application\/json/i.test(ctx.req.headers["content-type"] ?? "")) {
      offContract(ctx, "Content-Type is not application/json")
      fail(415, 25001, "Content-Type must be application/json.")
    }
    if (!ctx.body || typeof ctx.body !== "object") {
      offContract(ctx, "body is not a JSON object")
      fail(400, 25709, "Invalid value for body.")
    }
    return ctx.body as Record<string, unknown>
  }
  const bulkRequests = (ctx: Ctx): Record<string, unknown>[] => {
    const list = jsonBody(ctx).requests
    if (!Array.isArray(list) || list.length === 0) {
      offContract(ctx, "requests is missing or empty")
      fail(400, 25709, "Invalid value for requests.")
    }
    if ((list as unknown[]).length > BULK_LIMIT) {
      offContract(ctx, `${(list as unknown[]).length} entries in one bulk call`)
      fail(400, 25727, `The number of requests exceeds the limit of ${BULK_LIMIT} (too many requests).`)
    }
    return list as Record<string, unknown>[]
  }

  const bulkUpdate = (ctx: Ctx) => {
    const list = bulkRequests(ctx)
    const seen = new Set<string>()
    const responses: Record<string, unknown>[] = []
    for (const entry of list) {
      const sku = String(entry?.sku ?? "")
      const offers = Array.isArray(entry?.offers) ? (entry.offers as { offerId?: string; availableQuantity?: unknown }[]) : []
      const quantity = (entry?.shipToLocationAvailability as { quantity?: unknown } | undefined)?.quantity
      const answer = (statusCode: number, errors: EbayErrorBody[] = [], offerId?: string) =>
        responses.push({ statusCode, sku, ...(offerId ? { offerId } : {}), errors, warnings: [] })
      if (seen.has(sku)) {
        offContract(ctx, `SKU ${sku} twice in one bulk call`)
        answer(400, [ebayError(25734, `Duplicate SKU ${sku} in the request.`)])
        continue
      }
      seen.add(sku)
      if (quantity === undefined && offers.length === 0) offContract(ctx, `entry for ${sku} sets no quantity`)
      if (quantity !== undefined && (!Number.isInteger(quantity) || (quantity as number) < 0)) {
        offContract(ctx, `quantity ${JSON.stringify(quantity)} for ${sku}`)
        answer(400, [ebayError(25709, "Invalid value for shipToLocationAvailability.quantity.")])
        continue
      }
      const injected = store.injected.get(sku)?.shift()
      if (injected) {
        answer(injected.statusCode, [injected.error])
        continue
      }
      const item = store.items.get(sku)
      if (!item) {
        answer(400, [ebayError(25702, `SKU ${sku} is not available in the system.`)])
        continue
      }
      const refused = offers
        .map((o) => ({ o, offer: store.offers.get(String(o?.offerId)) }))
        .find(({ offer }) => !offer || offer.sku !== sku || offer.status !== "PUBLISHED" || ENDED.includes(offer.listingStatus))
      if (refused) {
        if (!refused.offer || refused.offer.sku !== sku) offContract(ctx, `offer ${refused.o?.offerId} is not an offer of ${sku}`)
        // An ended listing cannot be revised; the adapter should not send its offer.
        else if (ENDED.includes(refused.offer.listingStatus)) offContract(ctx, `offer ${refused.o?.offerId} of ${sku} has an ended listing`)
        answer(400, [ebayError(25713, "This Offer is not available.")], String(refused.o?.offerId))
        continue
      }
      if (store.revisionsToday(sku) >= store.revision_cap) {
        const error = ebayError(
          REVISION_LIMIT_ERROR_ID,
          `The listing for SKU ${sku} has been revised the maximum of ${store.revision_cap} times allowed in one calendar day. Revisions are blocked until the next calendar day.`,
          "BUSINESS"
        )
        if (offers.length) offers.forEach((o) => answer(400, [error], String(o.offerId)))
        else answer(400, [error])
        continue
      }
      if (typeof quantity === "number") item.quantity = quantity
      for (const o of offers) {
        if (typeof o.availableQuantity === "number") store.offers.get(String(o.offerId))!.availableQuantity = o.availableQuantity
      }
      store.countRevision(sku)
      store.settleListings(sku)
      if (offers.length) offers.forEach((o) => answer(200, [], String(o.offerId)))
      else answer(200)
    }
    return { status: responses.every((r) => r.statusCode === 200) ? 200 : 207, body: { responses } }
  }

  const bulkGet = (ctx: Ctx) => {
    const responses = bulkRequests(ctx).map((entry) => {
      const sku = String(entry?.sku ?? "")
      const item = store.items.get(sku)
      return item
        ? { statusCode: 200, sku, inventoryItem: store.itemJson(item), errors: [], warnings: [] }
        : { statusCode: 400, sku, errors: [ebayError(25702, `SKU ${sku} is not available in the system.`)], warnings: [] }
    })
    return { status: responses.every((r) => r.statusCode === 200) ? 200 : 207, body: { responses } }
  }

  const listItems = (ctx: Ctx) => {
    const limit = intParam(ctx, "limit", 25, 1, 200)
    const offset = intParam(ctx, "offset", 0, 0, Number.MAX_SAFE_INTEGER)
    const all = [...store.items.values()].sort((a, b) => a.sku.localeCompare(b.sku))
    const page = all.slice(offset, offset + limit)
    const href = (at: number) => `${INV}/inventory_item?limit=${limit}&offset=${at}`
    return {
      status: 200,
      body: {
        href: href(offset), total: all.length, size: page.length, limit,
        ...(offset + limit < all.length ? { next: href(offset + limit) } : {}),
        ...(offset > 0 ? { prev: href(Math.max(0, offset - limit)) } : {}),
        inventoryItems: page.map((item) => store.itemJson(item)),
      },
    }
  }

  const getOffers = (ctx: Ctx) => {
    const sku = ctx.url.searchParams.get("sku")
    if (!sku) {
      offContract(ctx, "getOffers without sku")
      fail(400, 25709, "Invalid value for sku.")
    }
    if (!store.items.has(sku!)) fail(404, 25702, `SKU ${sku} is not available in the system.`)
    const marketplace = ctx.url.searchParams.get("marketplace_id")
    const offers = store.offersOf(sku!).filter((o) => marketplace === null || o.marketplaceId === marketplace)
    return { status: 200, body: { total: offers.length, size: offers.length, limit: 25, offers: offers.map((o) => store.offerJson(o)) } }
  }

  const getOrders = (ctx: Ctx) => {
    const rawQuery = ctx.raw.includes("?") ? ctx.raw.slice(ctx.raw.indexOf("?") + 1) : ""
    if (/[[\]{}]/.test(rawQuery)) {
      offContract(ctx, "filter brackets are not URL-encoded")
      fail(400, 30700, "Invalid filter: the brackets must be URL-encoded.")
    }
    const limit = intParam(ctx, "limit", 50, 1, 200)
    const offset = intParam(ctx, "offset", 0, 0, Number.MAX_SAFE_INTEGER)
    let from = -Infinity
    let to = Infinity
    const filter = ctx.url.searchParams.get("filter")
    if (filter !== null) {
      const match = /^lastmodifieddate:\[(.*?)\.\.(.*?)\]$/.exec(filter)
      const valid = (s: string) => s === "" || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s)
      if (!match || !valid(match[1]) || !valid(match[2])) {
        offContract(ctx, `filter ${filter}`)
        fail(400, 30700, `Invalid filter: ${filter}`)
      }
      if (match![1]) from = Date.parse(match![1])
      if (match![2]) to = Date.parse(match![2])
    }
    const sign = store.order_sort === "asc" ? 1 : -1
    const all = [...store.orders.values()]
      .filter((o) => Date.parse(o.lastModifiedDate) >= from && Date.parse(o.lastModifiedDate) <= to)
      .sort((a, b) => sign * (a.lastModifiedDate.localeCompare(b.lastModifiedDate) || a.orderId.localeCompare(b.orderId)))
    const page = all.slice(offset, offset + limit)
    const href = (at: number) => `${FUL}/order?${filter !== null ? `filter=${encodeURIComponent(filter)}&` : ""}limit=${limit}&offset=${at}`
    return {
      status: 200,
      body: { href: href(offset), total: all.length, limit, offset, ...(offset + limit < all.length ? { next: href(offset + limit) } : {}), orders: page.map((o) => store.orderJson(o)), warnings: [] },
    }
  }

  const routes: { method: string; pattern: RegExp; handle: (ctx: Ctx) => { status: number; body: unknown } }[] = [
    { method: "POST", pattern: /^\/sell\/inventory\/v1\/bulk_update_price_quantity$/, handle: bulkUpdate },
    { method: "POST", pattern: /^\/sell\/inventory\/v1\/bulk_get_inventory_item$/, handle: bulkGet },
    { method: "GET", pattern: /^\/sell\/inventory\/v1\/inventory_item$/, handle: listItems },
    { method: "GET", pattern: /^\/sell\/inventory\/v1\/inventory_item\/([^/]+)$/, handle: (ctx) => {
      const item = store.items.get(decodeURIComponent(ctx.params[0]))
      if (!item) fail(404, 25702, `SKU ${decodeURIComponent(ctx.params[0])} is not available in the system.`)
      return { status: 200, body: store.itemJson(item!) }
    } },
    { method: "GET", pattern: /^\/sell\/inventory\/v1\/offer$/, handle: getOffers },
    { method: "GET", pattern: /^\/sell\/fulfillment\/v1\/order$/, handle: getOrders },
  ]

  const tokenEndpoint = (ctx: Ctx) => {
    const oauthError = (status: number, error: string, description: string): never => {
      throw new HttpError(status, { error, error_description: description })
    }
    if (ctx.req.method !== "POST") offContract(ctx, "token endpoint not POSTed")
    if (!/^application\/x-www-form-urlencoded/i.test(ctx.req.headers["content-type"] ?? "")) {
      offContract(ctx, "token request is not form-encoded")
      oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
    }
    const auth = ctx.req.headers.authorization ?? ""
    const decoded = /^Basic /i.test(auth) ? Buffer.from(auth.slice(6).trim(), "base64").toString("utf8") : ""
    const colon = decoded.indexOf(":")
    if (colon < 0 || store.clients.get(decoded.slice(0, colon)) !== decoded.slice(colon + 1)) oauthError(401, "invalid_client", "client authentication failed")
    const form = new URLSearchParams(ctx.raw)
    if (form.get("grant_type") !== "refresh_token") {
      offContract(ctx, `grant_type ${form.get("grant_type")}`)
      oauthError(400, "unsupported_grant_type", "grant type in request is not supported by the authorization server")
    }
    if (!store.refreshTokens.has(form.get("refresh_token") ?? "")) oauthError(400, "invalid_grant", "the provided authorization refresh token is invalid or was issued to another client")
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean)
    if (!REQUIRED_SCOPES.every((s) => scopes.includes(s))) {
      offContract(ctx, `scopes ${scopes.join(" ")}`)
      oauthError(400, "invalid_scope", "the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client")
    }
    const token = `v^1.1#i^1#stand-in-${++tokenSeq}`
    store.tokens.set(token, Date.now() + store.token_lifetime_ms)
    store.exchanges++
    return { status: 200, body: { access_token: token, expires_in: store.expires_in_s, token_type: "User Access Token" } }
  }

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", "http://stand-in")
    const record: RecordedRequest = { method: req.method ?? "", path: url.pathname, raw: req.url ?? "", body: undefined, status: 0, at: 0 }
    requests.push(record)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      record.at = Date.now()
      res.writeHead(status, { "content-type": "application/json", ...headers })
      res.end(JSON.stringify(body))
    }
    const ctx: Ctx = { req, url, raw: url.pathname === TOKEN_PATH ? raw : req.url ?? "", body: undefined, params: [] }
    try {
      if (url.pathname === TOKEN_PATH) {
        record.body = Object.fromEntries([...new URLSearchParams(raw)].filter(([k]) => k !== "refresh_token"))
        const answer = tokenEndpoint(ctx)
        return send(answer.status, answer.body)
      }
      const fault = faults.shift()
      if (fault) {
        record.fault = true
        const headers: Record<string, string> = fault.retry_after !== undefined ? { "retry-after": String(fault.retry_after) } : {}
        const body = fault.status === 429 ? { errors: [ebayError(2001, "Too many requests. The request limit has been reached for the resource.")] } : { errors: [ebayError(25001, "A system error has occurred.", "APPLICATION")] }
        return send(fault.status, body, headers)
      }
      const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname))
      if (!route) {
        offContract(ctx, /\/inventory_item\/[^/]+$/.test(url.pathname) && req.method === "PUT" ? "createOrReplaceInventoryItem (a full replace)" : "no route")
        return send(404, { errors: [ebayError(2002, "Resource not found.")] })
      }
      ctx.params = (route.pattern.exec(url.pathname) ?? []).slice(1)
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1]
      const expiresAt = bearer ? store.tokens.get(bearer) : undefined
      if (!bearer || expiresAt === undefined || expiresAt <= Date.now()) {
        return send(401, { errors: [{ errorId: 1001, domain: "OAuth", category: "REQUEST", message: "Invalid access token", longMessage: "Invalid access token. Check the value of the Authorization HTTP request header." }] })
      }
      if (raw) {
        try {
          ctx.body = record.body = JSON.parse(raw)
        } catch {
          offContract(ctx, "body is not JSON")
          fail(400, 25709, "Invalid value for body.")
        }
      }
      const answer = route.handle(ctx)
      return send(answer.status, answer.body)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return send(error.status, error.body)
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString("utf8"))
      } catch (error) {
        unexpected.push({ method: req.method ?? "", path: req.url ?? "", reason: `stand-in crashed: ${(error as Error).message}` })
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" })
        res.end(JSON.stringify({ errors: [ebayError(25001, (error as Error).message, "APPLICATION")] }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url, store, requests, unexpected,
    setFaults: (config) => {
      faults = [...(config.queue ?? [])]
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
