import http, { IncomingMessage, ServerResponse } from "node:http"
import { randomBytes } from "node:crypto"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"

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
 *
 * The Feeds API 2021-06-30 for JSON_LISTINGS_FEED (§2.3): createFeedDocument answers 201 with a
 * presigned upload URL (on this server, under /s3/, valid 5 minutes, no SP-API token taken) that
 * refuses a Content-Type other than the one the document was created with (403
 * SignatureDoesNotMatch, as S3 does); createFeed answers 202 and is capped at `feed_window` (5
 * submissions per 5 minutes per seller, a sliding window: stricter than a bucket of 5) with 429
 * QuotaExceeded and no Retry-After; a feed is IN_QUEUE for `feed_queue_ms`, IN_PROGRESS for
 * `feed_processing_ms`, then DONE (or FATAL) with a processing report (gzip unless
 * `compress_results` is off) holding one ERROR issue per refused message (unknown SKU, wrong
 * productType, FBA, or an error injected per SKU in `message_errors`); accepted messages apply
 * `feed_apply_delay_ms` after the feed is done. A malformed feed document goes FATAL and is recorded
 * in `unexpected`; `fatal_next` makes the next feeds FATAL on purpose; `cancelFeed` cancels one.
 * Not modelled: Orders 2026-01-01, restricted data tokens, `header.report` item data.
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
  createFeedDocument: { rate: 0.5, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
}
/** JSON_LISTINGS_FEED: 5 submissions per 5 minutes per seller (createFeed's own plan does not apply to it). */
export const FEED_WINDOW = { count: 5, ms: 300_000 }
/** Presigned S3 URLs expire after 5 minutes. */
const URL_LIFETIME_MS = 300_000
const MAX_MESSAGES = 25_000
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
export type RecordedRequest = { method: string; path: string; query: Record<string, string>; operation: string | null; body: unknown; status: number; fault?: boolean; at: number }
export type Unexpected = { method: string; path: string; reason: string }
export type FeedDocument = { id: string; seller: string; kind: "input" | "result"; contentType: string; signature: string; expires_at: number; body?: Buffer; compressed?: boolean }
export type FeedStatus = "IN_QUEUE" | "IN_PROGRESS" | "DONE" | "FATAL" | "CANCELLED"
export type Issue = { messageId?: number; sku?: string; code?: string; severity: "ERROR" | "WARNING" | "INFO"; message: string; attributeName?: string }
export type Feed = {
  feedId: string; seller: string; feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string
  created: number; queue_ms: number; processing_ms: number
  status: FeedStatus; processed_at?: number; resultFeedDocumentId?: string
  /** Messages in the uploaded document, and how many were accepted (after processing). */
  messages?: number; accepted?: number; issues?: Issue[]
  /** Set by `fatal_next`: the feed goes FATAL with this reason. */
  fatal?: string
}

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
  /** How long a feed waits IN_QUEUE, then IN_PROGRESS, before it is DONE. */
  feed_queue_ms = 50
  feed_processing_ms = 100
  /**
   * ms after a feed is DONE until its accepted messages show. [U] Amazon's report says accepted
   * messages "are being applied"; modelled as applied with the report by default.
   */
  feed_apply_delay_ms = 0
  feed_window = { ...FEED_WINDOW }
  /** Processing reports are served gzip-compressed (`compressionAlgorithm: "GZIP"`). */
  compress_results = true
  /** Issues in reports leave out the SKU (the schema makes it optional): only messageId names the message. */
  omit_issue_skus = false
  /** A message for one of these SKUs is refused with this ERROR issue. */
  message_errors = new Map<string, { code: string; message: string }>()
  /** Reasons the next feeds go FATAL with, one per feed, in order. */
  fatal_next: string[] = []
  documents = new Map<string, FeedDocument>()
  feeds = new Map<string, Feed>()
  /** createFeed times per seller that count toward `feed_window`. */
  feed_submissions = new Map<string, number[]>()
  /** Called when the server records an off-contract call (the feed processor records through it too). */
  onUnexpected: (u: Unexpected) => void = () => undefined
  private seq = 0

  reset(): void {
    for (const map of [this.clients, this.refreshTokens, this.tokens, this.sellers, this.listings, this.buckets, this.documents, this.feeds, this.feed_submissions, this.message_errors]) map.clear()
    this.orders = []
    this.exchanges = 0
    this.apply_delay_ms = 0
    this.token_lifetime_ms = 3_600_000
    this.expires_in_s = 3_600
    this.orders_page_size = 100
    this.plans = { ...PLANS }
    this.feed_queue_ms = 50
    this.feed_processing_ms = 100
    this.feed_apply_delay_ms = 0
    this.feed_window = { ...FEED_WINDOW }
    this.compress_results = true
    this.omit_issue_skus = false
    this.fatal_next = []
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
    this.processDueFeeds()
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
  /** Where a feed stands now; a feed whose time is up is processed at this first look. */
  feedStatus(feed: Feed): FeedStatus {
    if (feed.status === "IN_QUEUE" || feed.status === "IN_PROGRESS") {
      const age = Date.now() - feed.created
      if (age >= feed.queue_ms + feed.processing_ms) this.process(feed)
      else feed.status = age >= feed.queue_ms ? "IN_PROGRESS" : "IN_QUEUE"
    }
    return feed.status
  }
  processDueFeeds(): void {
    for (const feed of this.feeds.values()) this.feedStatus(feed)
  }
  /** Cancels a feed that is still IN_QUEUE (cancelFeed's rule); false otherwise. */
  cancelFeed(feedId: string): boolean {
    const feed = this.feeds.get(feedId)
    if (!feed || this.feedStatus(feed) !== "IN_QUEUE") return false
    feed.status = "CANCELLED"
    feed.processed_at = Date.now()
    return true
  }
  /** The processing report of a done or FATAL feed, parsed. */
  report(feedId: string): unknown {
    const feed = this.feeds.get(feedId)
    const doc = feed?.resultFeedDocumentId ? this.documents.get(feed.resultFeedDocumentId) : undefined
    return doc?.body ? JSON.parse(doc.body.toString("utf8")) : undefined
  }
  /** The JSON a feed's input document holds (what the adapter uploaded). */
  uploaded(feedId: string): { header?: Record<string, unknown>; messages?: Record<string, unknown>[] } | undefined {
    const feed = this.feeds.get(feedId)
    const body = feed ? this.documents.get(feed.inputFeedDocumentId)?.body : undefined
    return body ? JSON.parse(body.toString("utf8")) : undefined
  }
  newDocument(seller: string, kind: FeedDocument["kind"], contentType: string): FeedDocument {
    const doc: FeedDocument = { id: `amzn1.tortuga.4.na.${randomBytes(12).toString("hex")}`, seller, kind, contentType, signature: randomBytes(16).toString("hex"), expires_at: Date.now() + URL_LIFETIME_MS }
    this.documents.set(doc.id, doc)
    return doc
  }

  /** Validates the uploaded document and applies its accepted messages, as Amazon's processing does. */
  private process(feed: Feed): void {
    const now = Date.now()
    feed.processed_at = now
    const issues: Issue[] = []
    let accepted = 0
    let total = 0
    const fatal = (reason: string, offContract: boolean) => {
      if (offContract) this.onUnexpected({ method: "FEED", path: `/feeds/${feed.feedId}`, reason })
      feed.status = "FATAL"
      issues.splice(0, issues.length, { severity: "ERROR", code: "4000003", message: reason })
    }
    const body = this.documents.get(feed.inputFeedDocumentId)?.body
    let doc: { header?: { sellerId?: unknown; version?: unknown; issueLocale?: unknown; report?: unknown }; messages?: unknown } | undefined
    try {
      doc = JSON.parse(body?.toString("utf8") ?? "")
    } catch {
      doc = undefined
    }
    const injected = this.fatal_next.shift()
    if (injected) fatal(injected, false)
    else if (!doc || typeof doc !== "object") fatal("The feed document is not valid JSON.", true)
    else if (doc.header?.sellerId !== feed.seller || doc.header?.version !== "2.0") fatal(`The feed header must name seller ${feed.seller} and version "2.0".`, true)
    else if (!Array.isArray(doc.messages) || !doc.messages.length || doc.messages.length > MAX_MESSAGES) fatal(`A feed holds 1 to ${MAX_MESSAGES} messages.`, true)
    else {
      if (doc.header.report !== undefined) this.onUnexpected({ method: "FEED", path: `/feeds/${feed.feedId}`, reason: "header.report is not modelled by the stand-in" })
      feed.status = "DONE"
      const ids = new Set<number>()
      const skus = new Set<string>()
      for (const raw of doc.messages as Record<string, unknown>[]) {
        total++
        const problem = this.messageProblem(feed, raw, ids, skus)
        if (problem) {
          issues.push({ ...(typeof raw?.messageId === "number" ? { messageId: raw.messageId } : {}), ...(typeof raw?.sku === "string" && !this.omit_issue_skus ? { sku: raw.sku } : {}), severity: "ERROR", ...problem })
          continue
        }
        accepted++
        const quantity = ((raw.patches as { value: { quantity: number }[] }[])[0].value[0]).quantity
        const listing = this.listing(feed.seller, raw.sku as string)!
        for (const m of feed.marketplaceIds) listing.offers.get(m)!.pending.push({ quantity, at: now + this.feed_apply_delay_ms })
      }
    }
    feed.messages = total
    feed.accepted = accepted
    feed.issues = issues
    const errors = issues.filter((i) => i.severity === "ERROR").length
    const report = {
      header: { sellerId: feed.seller, version: "2.0", feedId: feed.feedId },
      issues,
      summary: { errors, warnings: issues.length - errors, messagesProcessed: feed.status === "DONE" ? total : 0, messagesAccepted: accepted, messagesInvalid: feed.status === "DONE" ? total - accepted : 0 },
    }
    const result = this.newDocument(feed.seller, "result", "application/json")
    const json = Buffer.from(JSON.stringify(report))
    result.compressed = this.compress_results
    result.body = json
    feed.resultFeedDocumentId = result.id
  }

  /** Why one message is refused, or null; off-contract messages are also recorded. */
  private messageProblem(feed: Feed, m: Record<string, unknown>, ids: Set<number>, skus: Set<string>): { code: string; message: string } | null {
    const off = (reason: string) => {
      this.onUnexpected({ method: "FEED", path: `/feeds/${feed.feedId}`, reason: `message ${String(m?.messageId)}: ${reason}` })
      return { code: "4000004", message: reason }
    }
    if (!Number.isInteger(m?.messageId) || (m.messageId as number) < 1 || (m.messageId as number) > 2_147_483_647) return off("messageId must be an integer from 1 to 2147483647")
    if (ids.has(m.messageId as number)) return off(`messageId ${m.messageId} is used twice`)
    ids.add(m.messageId as number)
    if (typeof m.sku !== "string" || !m.sku) return off("sku is required")
    if (skus.has(m.sku)) return off(`SKU ${m.sku} appears in two messages`)
    skus.add(m.sku)
    if (m.operationType !== "PATCH") return off(`operationType ${String(m.operationType)}: the adapter only sends PATCH`)
    if (typeof m.productType !== "string" || !m.productType) return off("PATCH messages require a productType")
    if (m.attributes !== undefined || m.requirements !== undefined) return off("attributes and requirements do not apply to PATCH")
    const patches = m.patches as { op?: unknown; path?: unknown; value?: unknown }[]
    if (!Array.isArray(patches) || patches.length !== 1) return off("one patch per message expected")
    const [patch] = patches
    if (!["add", "replace", "merge", "delete"].includes(String(patch.op))) return off(`Unsupported patch operation '${String(patch.op)}'`)
    if (patch.path !== "/attributes/fulfillment_availability") return off(`'${String(patch.path)}' is not the quantity attribute`)
    const value = Array.isArray(patch.value) && patch.value.length === 1 ? (patch.value[0] as { fulfillment_channel_code?: unknown; quantity?: unknown }) : undefined
    if (value?.fulfillment_channel_code !== "DEFAULT" || !Number.isInteger(value.quantity) || (value.quantity as number) < 0) return off("fulfillment_availability needs one DEFAULT entry with a whole quantity of 0 or more")
    const listing = this.listing(feed.seller, m.sku)
    const missing = feed.marketplaceIds.find((id) => !listing?.offers.has(id))
    if (!listing || missing) return { code: "8541", message: `The SKU '${m.sku}' does not match any listing in marketplace ${missing ?? feed.marketplaceIds[0]}.` }
    const injected = this.message_errors.get(m.sku)
    if (injected) return injected
    if (m.productType !== listing.productType) return { code: "4000001", message: `The provided product type '${m.productType}' does not match the listing's product type '${listing.productType}'.` }
    // [U] as for PATCH: Amazon's answer for an MFN quantity on an FBA listing, modelled as a refusal.
    if (listing.channel !== "DEFAULT") return { code: "8105", message: "The quantity of a listing fulfilled by Amazon cannot be set." }
    return null
  }

  /** A createFeed slot in the seller's window; false when 5 were used in the last 5 minutes. */
  takeFeedSlot(seller: string): boolean {
    const now = Date.now()
    const times = (this.feed_submissions.get(seller) ?? []).filter((t) => t > now - this.feed_window.ms)
    this.feed_submissions.set(seller, times)
    if (times.length >= this.feed_window.count) return false
    times.push(now)
    return true
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
  /**
   * Answers for the next SP-API calls (not the LWA endpoint or S3), in order; `by_operation`
   * queues answers for the next calls of one operation only.
   */
  setFaults(config: { queue?: Fault[]; by_operation?: Record<string, Fault[]> }): void
  close(): Promise<void>
}

type Ctx = { url: URL; body: unknown; params: string[]; seller: Seller; record: RecordedRequest }
type Route = { method: string; pattern: RegExp; operation: string; status?: number; handle: (ctx: Ctx) => unknown }

export async function startAmazonStandIn(options: { port?: number } = {}): Promise<AmazonStandIn> {
  const store = new AmazonStore()
  const requests: RecordedRequest[] = []
  const unexpected: Unexpected[] = []
  let faults: Fault[] = []
  let faultsByOperation = new Map<string, Fault[]>()
  let origin = ""
  store.onUnexpected = (u) => unexpected.push(u)

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
    {
      method: "POST", pattern: /^\/feeds\/2021-06-30\/documents$/, operation: "createFeedDocument", status: 201,
      handle: (ctx) => {
        const body = ctx.body as { contentType?: unknown } | undefined
        if (typeof body?.contentType !== "string" || !body.contentType) off(ctx, 400, "InvalidInput", "contentType is required")
        const doc = store.newDocument(ctx.seller.id, "input", body!.contentType as string)
        return { feedDocumentId: doc.id, url: `${origin}/s3/feed-docs/${encodeURIComponent(doc.id)}?X-Amz-Expires=300&X-Amz-Signature=${doc.signature}` }
      },
    },
    {
      method: "POST", pattern: /^\/feeds\/2021-06-30\/feeds$/, operation: "createFeed", status: 202,
      handle: (ctx) => {
        // The JSON_LISTINGS_FEED cap is checked first, as a throttle is: a refused call is not a submission.
        if (!store.takeFeedSlot(ctx.seller.id)) throw new SpError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")
        const body = ctx.body as { feedType?: unknown; marketplaceIds?: unknown; inputFeedDocumentId?: unknown; feedOptions?: unknown } | undefined
        const release = () => store.feed_submissions.get(ctx.seller.id)?.pop()
        const refuse = (message: string): never => {
          release()
          return off(ctx, 400, "InvalidInput", message)
        }
        if (body?.feedType !== "JSON_LISTINGS_FEED") refuse(`feedType ${JSON.stringify(body?.feedType)}: only JSON_LISTINGS_FEED is modelled`)
        const markets = body!.marketplaceIds
        if (!Array.isArray(markets) || !markets.length || markets.length > 25 || markets.some((m) => typeof m !== "string")) refuse("marketplaceIds must hold 1 to 25 ids")
        const foreign = (markets as string[]).find((m) => !ctx.seller.marketplaces.includes(m))
        if (foreign) refuse(`Marketplace ${foreign} is not one of the seller's`)
        const doc = typeof body!.inputFeedDocumentId === "string" ? store.documents.get(body!.inputFeedDocumentId) : undefined
        if (!doc || doc.seller !== ctx.seller.id || doc.kind !== "input") refuse(`inputFeedDocumentId ${JSON.stringify(body!.inputFeedDocumentId)} is not a feed document of this seller`)
        if (!doc!.body) refuse(`Feed document ${doc!.id} has no content: upload it before createFeed`)
        if (body!.feedOptions !== undefined) refuse("feedOptions do not apply to JSON_LISTINGS_FEED")
        const feed: Feed = {
          feedId: String(50_000_000_000 + store.feeds.size + 1), seller: ctx.seller.id, feedType: "JSON_LISTINGS_FEED", marketplaceIds: markets as string[],
          inputFeedDocumentId: doc!.id, created: Date.now(), queue_ms: store.feed_queue_ms, processing_ms: store.feed_processing_ms, status: "IN_QUEUE",
        }
        store.feeds.set(feed.feedId, feed)
        return { feedId: feed.feedId }
      },
    },
    {
      method: "GET", pattern: /^\/feeds\/2021-06-30\/feeds\/([^/]+)$/, operation: "getFeed",
      handle: (ctx) => {
        const feed = store.feeds.get(decodeURIComponent(ctx.params[0]))
        if (!feed || feed.seller !== ctx.seller.id) {
          unexpected.push({ method: "GET", path: ctx.record.path, reason: "getFeed of a feed the seller never created" })
          throw new SpError(404, "NotFound", `Feed ${ctx.params[0]} not found`)
        }
        const status = store.feedStatus(feed)
        const iso = (t: number) => new Date(t).toISOString()
        return {
          feedId: feed.feedId, feedType: feed.feedType, marketplaceIds: feed.marketplaceIds, createdTime: iso(feed.created), processingStatus: status,
          ...(status !== "IN_QUEUE" && !(status === "CANCELLED" && !feed.resultFeedDocumentId) ? { processingStartTime: iso(feed.created + feed.queue_ms) } : {}),
          ...(feed.processed_at ? { processingEndTime: iso(feed.processed_at) } : {}),
          ...(feed.resultFeedDocumentId ? { resultFeedDocumentId: feed.resultFeedDocumentId } : {}),
        }
      },
    },
    {
      method: "GET", pattern: /^\/feeds\/2021-06-30\/documents\/([^/]+)$/, operation: "getFeedDocument",
      handle: (ctx) => {
        const doc = store.documents.get(decodeURIComponent(ctx.params[0]))
        if (!doc || doc.seller !== ctx.seller.id || doc.kind !== "result") {
          unexpected.push({ method: "GET", path: ctx.record.path, reason: "getFeedDocument of no result document of this seller" })
          throw new SpError(404, "NotFound", `Feed document ${ctx.params[0]} not found`)
        }
        doc.expires_at = Date.now() + URL_LIFETIME_MS
        return {
          feedDocumentId: doc.id,
          url: `${origin}/s3/result-docs/${encodeURIComponent(doc.id)}?X-Amz-Expires=300&X-Amz-Signature=${doc.signature}`,
          ...(doc.compressed ? { compressionAlgorithm: "GZIP" } : {}),
        }
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

  /** The presigned S3 URLs: upload of a feed document, download of a processing report. */
  const s3 = (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer, record: RecordedRequest) => {
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, headers)
      res.end(body)
    }
    const refuse = (status: number, code: string, message: string, offContract = true) => {
      if (offContract) unexpected.push({ method: record.method, path: record.path, reason: `${code}: ${message}` })
      send(status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, { "content-type": "application/xml" })
    }
    const match = /^\/s3\/(feed-docs|result-docs)\/([^/]+)$/.exec(url.pathname)
    record.operation = match ? (match[1] === "feed-docs" ? "uploadFeedDocument" : "downloadResultDocument") : null
    const doc = match ? store.documents.get(decodeURIComponent(match[2])) : undefined
    if (!match || !doc || (match[1] === "feed-docs") !== (doc.kind === "input")) return refuse(404, "NoSuchKey", "The specified key does not exist.")
    if (url.searchParams.get("X-Amz-Signature") !== doc.signature) return refuse(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
    if (doc.expires_at <= Date.now()) return refuse(403, "AccessDenied", "Request has expired", false)
    if (req.headers["x-amz-access-token"]) unexpected.push({ method: record.method, path: record.path, reason: "a presigned S3 URL was sent the SP-API access token" })
    if (doc.kind === "input") {
      if (req.method !== "PUT") return refuse(405, "MethodNotAllowed", `${req.method} on an upload URL`)
      if (req.headers["content-type"] !== doc.contentType) {
        return refuse(403, "SignatureDoesNotMatch", `Content-Type ${JSON.stringify(req.headers["content-type"] ?? null)} is not the ${JSON.stringify(doc.contentType)} the document was created with`)
      }
      if (!raw.length) return refuse(400, "MissingRequestBodyError", "Request Body is empty.")
      doc.body = raw
      record.body = { bytes: raw.length }
      return send(200, "", { etag: `"${randomBytes(16).toString("hex")}"` })
    }
    if (req.method !== "GET") return refuse(405, "MethodNotAllowed", `${req.method} on a download URL`)
    return send(200, doc.compressed ? gzipSync(doc.body!) : doc.body!, { "content-type": doc.compressed ? "application/octet-stream" : "application/json" })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? "/", "http://stand-in")
    const record: RecordedRequest = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), operation: null, body: undefined, status: 0, at: Date.now() }
    requests.push(record)
    if (url.pathname.startsWith("/s3/")) return s3(req, res, url, body, record)
    const raw = body.toString("utf8")
    if (req.method === "POST" && url.pathname === "/auth/o2/token") return token(raw, res, record)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": randomBytes(8).toString("hex"), ...headers })
      res.end(typeof body === "string" ? body : JSON.stringify(body))
    }
    const errors = (e: SpError) => ({ errors: [{ code: e.code, message: e.message, details: e.details }] })
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname))
    record.operation = route?.operation ?? null
    const fault = (route && faultsByOperation.get(route.operation)?.shift()) ?? faults.shift()
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
      const plan = store.plans[route.operation]
      return send(route.status ?? 200, body, plan ? { "x-amzn-ratelimit-limit": plan.rate.toFixed(4).replace(/0+$/, "").replace(/\.$/, ".0") } : {})
    } catch (error) {
      if (!(error instanceof SpError)) throw error
      return send(error.status, errors(error))
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: Error) => {
        unexpected.push({ method: req.method ?? "", path: req.url ?? "", reason: `stand-in crashed: ${error.message}` })
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" })
        res.end(JSON.stringify({ errors: [{ code: "InternalFailure", message: error.message, details: "" }] }))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  origin = url
  return {
    url,
    store,
    requests,
    unexpected,
    setFaults: (config) => {
      faults = [...(config.queue ?? [])]
      faultsByOperation = new Map(Object.entries(config.by_operation ?? {}).map(([op, list]) => [op, [...list]]))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
