import http, { IncomingMessage, ServerResponse } from "node:http"
import { randomBytes } from "node:crypto"
import type { AddressInfo } from "node:net"

/**
 * A local Amazon SP-API for adapter tests, following channels.md §2: the LWA refresh-token
 * grant (client id, secret and refresh token checked, tokens that expire, exchanges counted),
 * `x-amz-access-token` on every SP-API call (an expired token is a 403 Unauthorized), listings
 * per (seller, marketplace, SKU) with a productType and DEFAULT or FBA fulfilment,
 * patchListingsItem answering ACCEPTED and applying the quantity only after `apply_delay_ms`
 * (reads show the old value until then) or INVALID with ERROR issues, getListingsItem,
 * searchListingsItems with pageToken paging, Orders v0 with NextToken, marketplace
 * participations, and a token bucket per operation answering 429 QuotaExceeded without
 * Retry-After or x-amzn-RateLimit-Limit. Anything off the contract is kept in `unexpected`.
 * Not modelled: the Feeds API, Orders 2026-01-01, restricted data tokens.
 */

const LISTINGS = "/listings/2021-08-01/items"
/** Usage plans (rate per second, burst) of the operations served. */
export const PLANS: Record<string, { rate: number; burst: number }> = {
  patchListingsItem: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
}
const INCLUDED_DATA = ["summaries", "attributes", "issues", "offers", "fulfillmentAvailability", "procurement", "relationships", "productTypes"]

export type Offer = { quantity: number; status: string[]; pending: { quantity: number; at: number }[]; updated: string }
export type Listing = {
  seller: string; sku: string; productType: string; itemName: string; asin: string
  /** `DEFAULT` (merchant-fulfilled) or an FBA channel such as `AMAZON_NA`, whose quantity cannot be set. */
  channel: string
  offers: Map<string, Offer>
}
export type Seller = { id: string; storeName: string; marketplaces: string[] }
export type OrderLine = { SellerSKU: string; QuantityOrdered: number; ASIN: string; OrderItemId: string }
export type AmazonOrder = { seller: string; marketplace: string; AmazonOrderId: string; PurchaseDate: string; LastUpdateDate: string; OrderStatus: string; lines: OrderLine[] }
export type Fault = { status: number; retry_after?: string | number; body?: string }
export type RecordedRequest = { method: string; path: string; query: Record<string, string>; operation: string | null; body: unknown; status: number; fault?: boolean }
export type Unexpected = { method: string; path: string; reason: string }

class SpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details = "", readonly offContract = false) {
    super(message)
  }
}

export class AmazonStore {
  /** ms an ACCEPTED patch takes to show. */
  apply_delay_ms = 0
  /** How long an access token lives, and what `expires_in` says (seconds). */
  token_lifetime_ms = 3_600_000
  expires_in_s = 3_600
  /** Orders v0 page size (MaxResultsPerPage default 100). */
  orders_page_size = 100
  clients = new Map<string, string>()
  refreshTokens = new Map<string, { client_id: string; seller: string }>()
  tokens = new Map<string, { seller: string; expires_at: number }>()
  exchanges = 0
  sellers = new Map<string, Seller>()
  listings = new Map<string, Listing>()
  orders: AmazonOrder[] = []
  buckets = new Map<string, { tokens: number; at: number }>()
  plans: Record<string, { rate: number; burst: number }> = { ...PLANS }
  private seq = 0

  reset(): void {
    for (const map of [this.clients, this.refreshTokens, this.tokens, this.sellers, this.listings, this.buckets]) map.clear()
    this.orders = []
    this.exchanges = 0
    this.apply_delay_ms = 0
    this.token_lifetime_ms = 3_600_000
    this.expires_in_s = 3_600
    this.orders_page_size = 100
    this.plans = { ...PLANS }
  }
  addApp(client_id: string, client_secret: string): void {
    this.clients.set(client_id, client_secret)
  }
  addSeller(id: string, marketplaces: string[], refresh_token: string, client_id: string, storeName = `Stand-in Store ${id}`): Seller {
    const seller = { id, storeName, marketplaces }
    this.sellers.set(id, seller)
    this.refreshTokens.set(refresh_token, { client_id, seller: id })
    return seller
  }
  /** Every access token issued so far expires now. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expires_at = Date.now() - 1
  }
  addListing(seller: string, input: { sku: string; quantity?: number; productType?: string; channel?: string; status?: string[]; marketplaces?: string[]; itemName?: string }): Listing {
    const now = new Date().toISOString()
    const markets = input.marketplaces ?? this.sellers.get(seller)?.marketplaces ?? []
    const listing: Listing = {
      seller, sku: input.sku, productType: input.productType ?? "PRODUCT", itemName: input.itemName ?? `Item ${input.sku}`,
      asin: `B0${String(++this.seq).padStart(8, "0")}`, channel: input.channel ?? "DEFAULT",
      offers: new Map(markets.map((m) => [m, { quantity: input.quantity ?? 0, status: input.status ?? ["BUYABLE", "DISCOVERABLE"], pending: [], updated: now }])),
    }
    this.listings.set(`${seller}\u0000${input.sku}`, listing)
    return listing
  }
  listing(seller: string, sku: string): Listing | undefined {
    return this.listings.get(`${seller}\u0000${sku}`)
  }
  /** The offer with every due patch applied (patches apply lazily, at the first look after their time). */
  offer(listing: Listing, marketplace: string): Offer | undefined {
    const offer = listing.offers.get(marketplace)
    if (!offer) return undefined
    const now = Date.now()
    while (offer.pending.length && offer.pending[0].at <= now) {
      const next = offer.pending.shift()!
      offer.quantity = next.quantity
      offer.updated = new Date(next.at).toISOString()
    }
    return offer
  }
  quantity(seller: string, sku: string, marketplace: string): number | undefined {
    const listing = this.listing(seller, sku)
    return listing ? this.offer(listing, marketplace)?.quantity : undefined
  }
  addOrder(seller: string, marketplace: string, lines: { sku: string; quantity: number }[], status = "Unshipped"): AmazonOrder {
    const now = new Date().toISOString()
    const n = ++this.seq
    const order: AmazonOrder = {
      seller, marketplace, AmazonOrderId: `111-${String(n).padStart(7, "0")}-${String(n * 7919 % 10_000_000).padStart(7, "0")}`,
      PurchaseDate: now, LastUpdateDate: now, OrderStatus: status,
      lines: lines.map((line, i) => ({ SellerSKU: line.sku, QuantityOrdered: line.quantity, ASIN: this.listing(seller, line.sku)?.asin ?? "B000000000", OrderItemId: `${n}${i}` })),
    }
    this.orders.push(order)
    return order
  }
  updateOrder(order: AmazonOrder, status: string): void {
    order.OrderStatus = status
    order.LastUpdateDate = new Date().toISOString()
  }
  /** Takes a token from the operation's bucket; false when it is empty. */
  take(operation: string): boolean {
    const plan = this.plans[operation]
    if (!plan) return true
    const now = Date.now()
    const bucket = this.buckets.get(operation) ?? { tokens: plan.burst, at: now }
    bucket.tokens = Math.min(plan.burst, bucket.tokens + ((now - bucket.at) / 1_000) * plan.rate)
    bucket.at = now
    this.buckets.set(operation, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}

export type AmazonStandIn = {
  url: string
  store: AmazonStore
  requests: RecordedRequest[]
  unexpected: Unexpected[]
  /** Answers for the next SP-API calls (not the LWA endpoint), in order. */
  setFaults(config: { queue?: Fault[] }): void
  close(): Promise<void>
}

type Ctx = { url: URL; body: unknown; params: string[]; seller: Seller; record: RecordedRequest }
type Route = { method: string; pattern: RegExp; operation: string; handle: (ctx: Ctx) => unknown }

export async function startAmazonStandIn(options: { port?: number } = {}): Promise<AmazonStandIn> {
  const store = new AmazonStore()
  const requests: RecordedRequest[] = []
  const unexpected: Unexpected[] = []
  let faults: Fault[] = []

  const off = (ctx: Ctx, status: number, code: string, message: string): never => {
    unexpected.push({ method: ctx.record.method, path: ctx.record.path, reason: message })
    throw new SpError(status, code, message)
  }
  const marketplaceOf = (ctx: Ctx): string => {
    const ids = ctx.url.searchParams.get("marketplaceIds")
    if (!ids) off(ctx, 400, "InvalidInput", "Missing required parameter marketplaceIds")
    const list = ids!.split(",")
    if (list.length !== 1) off(ctx, 400, "InvalidInput", "Only one marketplaceId is supported per request")
    if (!ctx.seller.marketplaces.includes(list[0])) off(ctx, 400, "InvalidInput", `Marketplace ${list[0]} is not one of the seller's`)
    return list[0]
  }
  const includedOf = (ctx: Ctx, fallback: string): string[] => {
    const list = (ctx.url.searchParams.get("includedData") ?? fallback).split(",")
    list.filter((d) => !INCLUDED_DATA.includes(d)).forEach((d) => off(ctx, 400, "InvalidInput", `Unknown includedData ${d}`))
    return list
  }
  const sellerOf = (ctx: Ctx, id: string) => {
    if (decodeURIComponent(id) !== ctx.seller.id) throw new SpError(403, "Unauthorized", "Access to requested resource is denied.", "The seller in the path does not match the token")
  }
  const itemJson = (listing: Listing, marketplace: string, included: string[]) => {
    const offer = store.offer(listing, marketplace)!
    return {
      sku: listing.sku,
      ...(included.includes("summaries") ? { summaries: [{ marketplaceId: marketplace, asin: listing.asin, productType: listing.productType, conditionType: "new_new", status: offer.status, itemName: listing.itemName, createdDate: offer.updated, lastUpdatedDate: offer.updated }] } : {}),
      ...(included.includes("fulfillmentAvailability") ? { fulfillmentAvailability: [{ fulfillmentChannelCode: listing.channel, ...(listing.channel === "DEFAULT" ? { quantity: offer.quantity } : {}) }] } : {}),
      ...(included.includes("issues") ? { issues: [] } : {}),
    }
  }
  const found = (ctx: Ctx, sku: string, marketplace: string): Listing => {
    const listing = store.listing(ctx.seller.id, decodeURIComponent(sku))
    if (!listing || !listing.offers.has(marketplace)) throw new SpError(404, "NOT_FOUND", `SKU '${decodeURIComponent(sku)}' not found in marketplace ${marketplace}`)
    return listing
  }

  const routes: Route[] = [
    {
      method: "GET", pattern: /^\/sellers\/v1\/marketplaceParticipations$/, operation: "getMarketplaceParticipations",
      handle: ({ seller }) => ({
        payload: seller.marketplaces.map((id) => ({
          marketplace: { id, name: id === "ATVPDKIKX0DER" ? "Amazon.com" : `Marketplace ${id}`, countryCode: "US", defaultCurrencyCode: "USD", defaultLanguageCode: "en_US", domainName: "www.amazon.com" },
          participation: { isParticipating: true, hasSuspendedListings: false }, storeName: seller.storeName,
        })),
      }),
    },
    {
      method: "GET", pattern: /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/, operation: "getListingsItem",
      handle: (ctx) => {
        sellerOf(ctx, ctx.params[0])
        const marketplace = marketplaceOf(ctx)
        return itemJson(found(ctx, ctx.params[1], marketplace), marketplace, includedOf(ctx, "summaries"))
      },
    },
    {
      method: "PATCH", pattern: /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/, operation: "patchListingsItem",
      handle: (ctx) => {
        sellerOf(ctx, ctx.params[0])
        const marketplace = marketplaceOf(ctx)
        const body = ctx.body as { productType?: unknown; patches?: { op?: unknown; path?: unknown; value?: unknown }[] } | undefined
        if (typeof body?.productType !== "string" || !Array.isArray(body.patches) || !body.patches.length) off(ctx, 400, "InvalidInput", "Body must have productType and patches")
        const listing = found(ctx, ctx.params[1], marketplace)
        const submissionId = randomBytes(16).toString("hex")
        const invalid = (code: string, message: string, attributeNames: string[] = []) => ({ sku: listing.sku, status: "INVALID", submissionId, issues: [{ code, message, severity: "ERROR", attributeNames, categories: ["INVALID_ATTRIBUTE"] }] })
        if (body!.productType !== listing.productType) return invalid("4000001", `The provided product type '${body!.productType}' does not match the listing's product type '${listing.productType}'.`)
        let quantity: number | null = null
        for (const patch of body!.patches!) {
          if (!["add", "replace", "merge", "delete"].includes(String(patch.op))) return invalid("4000002", `Unsupported patch operation '${String(patch.op)}'.`)
          if (patch.path !== "/attributes/fulfillment_availability") return invalid("90220", `'${String(patch.path)}' is not a valid attribute path for this product type.`, [String(patch.path).split("/").pop() ?? ""])
          const value = Array.isArray(patch.value) ? (patch.value[0] as { fulfillment_channel_code?: unknown; quantity?: unknown }) : undefined
          if (value?.fulfillment_channel_code !== "DEFAULT" || !Number.isInteger(value.quantity) || (value.quantity as number) < 0) return invalid("90220", "fulfillment_availability needs fulfillment_channel_code DEFAULT and a whole quantity of 0 or more.", ["fulfillment_availability"])
          quantity = value.quantity as number
        }
        // [U] what Amazon answers for an MFN quantity on an FBA listing; modelled as INVALID.
        if (listing.channel !== "DEFAULT") return invalid("8105", "The quantity of a listing fulfilled by Amazon cannot be set.", ["fulfillment_availability"])
        if (quantity !== null) store.offer(listing, marketplace)!.pending.push({ quantity, at: Date.now() + store.apply_delay_ms })
        return { sku: listing.sku, status: "ACCEPTED", submissionId, issues: [] }
      },
    },
    {
      method: "GET", pattern: /^\/listings\/2021-08-01\/items\/([^/]+)$/, operation: "searchListingsItems",
      handle: (ctx) => {
        sellerOf(ctx, ctx.params[0])
        const marketplace = marketplaceOf(ctx)
        const included = includedOf(ctx, "summaries")
        const q = ctx.url.searchParams
        const pageSize = Number(q.get("pageSize") ?? 10)
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) off(ctx, 400, "InvalidInput", `pageSize must be 1..20, got ${q.get("pageSize")}`)
        const identifiers = q.get("identifiers")?.split(",")
        if (identifiers && q.get("identifiersType") !== "SKU") off(ctx, 400, "InvalidInput", "identifiers without identifiersType")
        if (identifiers && identifiers.length > 20) off(ctx, 400, "InvalidInput", "More than 20 identifiers")
        let all = [...store.listings.values()].filter((l) => l.seller === ctx.seller.id && l.offers.has(marketplace))
        if (identifiers) all = all.filter((l) => identifiers.includes(l.sku))
        const token = q.get("pageToken")
        const start = token ? Number(Buffer.from(token, "base64url").toString()) : 0
        if (!Number.isInteger(start) || start < 0) off(ctx, 400, "InvalidInput", "Invalid pageToken")
        const page = all.slice(start, start + pageSize)
        const next = start + pageSize < all.length ? Buffer.from(String(start + pageSize)).toString("base64url") : undefined
        return { numberOfResults: all.length, pagination: next ? { nextToken: next } : {}, items: page.map((l) => itemJson(l, marketplace, included)) }
      },
    },
    {
      method: "GET", pattern: /^\/orders\/v0\/orders$/, operation: "getOrders",
      handle: (ctx) => {
        const q = ctx.url.searchParams
        const markets = q.get("MarketplaceIds")?.split(",") ?? off(ctx, 400, "InvalidInput", "Missing required parameter MarketplaceIds")
        let after: number
        let offset = 0
        if (q.get("NextToken")) {
          const decoded = JSON.parse(Buffer.from(q.get("NextToken")!, "base64url").toString()) as { after: number; offset: number }
          ;({ after, offset } = decoded)
        } else {
          const since = q.get("LastUpdatedAfter") ?? q.get("CreatedAfter")
          if (!since || Number.isNaN(Date.parse(since))) off(ctx, 400, "InvalidInput", "Exactly one of CreatedAfter, LastUpdatedAfter is required")
          after = Date.parse(since!)
        }
        const all = store.orders
          .filter((o) => o.seller === ctx.seller.id && markets.includes(o.marketplace) && Date.parse(o.LastUpdateDate) >= after)
          .sort((a, b) => a.LastUpdateDate.localeCompare(b.LastUpdateDate))
        const page = all.slice(offset, offset + store.orders_page_size)
        const more = offset + store.orders_page_size < all.length
        return {
          payload: {
            Orders: page.map(({ seller: _s, marketplace, lines: _l, ...o }) => ({ ...o, MarketplaceId: marketplace, FulfillmentChannel: "MFN", OrderTotal: { CurrencyCode: "USD", Amount: "0.00" } })),
            ...(more ? { NextToken: Buffer.from(JSON.stringify({ after, offset: offset + store.orders_page_size })).toString("base64url") } : {}),
            LastUpdatedBefore: new Date().toISOString(),
          },
        }
      },
    },
    {
      method: "GET", pattern: /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/, operation: "getOrderItems",
      handle: (ctx) => {
        const order = store.orders.find((o) => o.seller === ctx.seller.id && o.AmazonOrderId === decodeURIComponent(ctx.params[0]))
        if (!order) throw new SpError(404, "InvalidInput", `Order ${ctx.params[0]} not found`)
        return { payload: { AmazonOrderId: order.AmazonOrderId, OrderItems: order.lines.map((l) => ({ ...l, QuantityShipped: order.OrderStatus === "Shipped" ? l.QuantityOrdered : 0 })) } }
      },
    },
  ]

  const token = (raw: string, res: ServerResponse, record: RecordedRequest) => {
    const send = (status: number, body: unknown) => {
      record.status = status
      res.writeHead(status, { "content-type": "application/json;charset=UTF-8" })
      res.end(JSON.stringify(body))
    }
    const form = new URLSearchParams(raw)
    record.body = Object.fromEntries([...form].map(([k, v]) => [k, k === "grant_type" ? v : "…"]))
    if (form.get("grant_type") !== "refresh_token") {
      unexpected.push({ method: "POST", path: record.path, reason: `grant_type ${form.get("grant_type")}` })
      return send(400, { error: "unsupported_grant_type", error_description: "The authorization grant type is not supported" })
    }
    const client = form.get("client_id") ?? ""
    if (!store.clients.has(client) || store.clients.get(client) !== form.get("client_secret")) return send(401, { error: "invalid_client", error_description: "Client authentication failed" })
    const grant = store.refreshTokens.get(form.get("refresh_token") ?? "")
    if (!grant || grant.client_id !== client) return send(400, { error: "invalid_grant", error_description: "The request has an invalid grant parameter : refresh_token" })
    store.exchanges++
    const access = `Atza|${randomBytes(24).toString("base64url")}`
    store.tokens.set(access, { seller: grant.seller, expires_at: Date.now() + store.token_lifetime_ms })
    send(200, { access_token: access, refresh_token: form.get("refresh_token"), token_type: "bearer", expires_in: store.expires_in_s })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", "http://stand-in")
    const record: RecordedRequest = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), operation: null, body: undefined, status: 0 }
    requests.push(record)
    if (req.method === "POST" && url.pathname === "/auth/o2/token") return token(raw, res, record)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": randomBytes(8).toString("hex"), ...headers })
      res.end(typeof body === "string" ? body : JSON.stringify(body))
    }
    const errors = (e: SpError) => ({ errors: [{ code: e.code, message: e.message, details: e.details }] })
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname))
    record.operation = route?.operation ?? null
    const fault = faults.shift()
    if (fault) {
      record.fault = true
      const headers: Record<string, string> = fault.retry_after !== undefined ? { "retry-after": String(fault.retry_after) } : {}
      return send(fault.status, fault.body ?? errors(fault.status === 429 ? new SpError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.") : new SpError(fault.status, "InternalFailure", "We encountered an internal error. Please try again.")), headers)
    }
    if (!route) {
      unexpected.push({ method: record.method, path: record.path, reason: "no route" })
      return send(404, errors(new SpError(404, "NotFound", "Resource not found")))
    }
    try {
      const access = store.tokens.get(String(req.headers["x-amz-access-token"] ?? ""))
      if (!access) throw new SpError(403, "Unauthorized", "Access to requested resource is denied.", "The access token you provided is revoked, malformed or invalid.")
      if (access.expires_at <= Date.now()) throw new SpError(403, "Unauthorized", "The security token included in the request is expired")
      if (!store.take(route.operation)) throw new SpError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")
      const ctx: Ctx = { url, body: undefined, params: (route.pattern.exec(url.pathname) ?? []).slice(1), seller: store.sellers.get(access.seller)!, record }
      if (raw) {
        try {
          ctx.body = record.body = JSON.parse(raw)
        } catch {
          off(ctx, 400, "InvalidInput", "Body is not JSON")
        }
      }
      const body = route.handle(ctx)
      return send(200, body, { "x-amzn-ratelimit-limit": store.plans[route.operation].rate.toFixed(4).replace(/0+$/, "").replace(/\.$/, ".0") })
    } catch (error) {
      if (!(error instanceof SpError)) throw error
      return send(error.status, errors(error))
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((error: Error) => {
        unexpected.push({ method: req.method ?? "", path: req.url ?? "", reason: `stand-in crashed: ${error.message}` })
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" })
        res.end(JSON.stringify({ errors: [{ code: "InternalFailure", message: error.message, details: "" }] }))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    store,
    requests,
    unexpected,
    setFaults: (config) => {
      faults = [...(config.queue ?? [])]
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
