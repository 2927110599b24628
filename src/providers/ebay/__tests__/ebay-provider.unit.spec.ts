import { startEbayStandIn, type EbayStandIn } from "../../../../stand-ins/ebay"
import { ChannelError, type ChannelContext, type QuantityUpdate } from "../../../lib/provider"
import { EbayProvider, type EbayOptions } from "../service"

const APP = { client_id: "StandIn-spec-PRD-0001", client_secret: "PRD-spec-secret", refresh_token: "v^1.1#i^1#r^1#spec-refresh" }
const ctx: ChannelContext = { channel_id: "mch_ebay", channel_code: "ebay-us", credentials: { ...APP, marketplace_id: "EBAY_US" } }

let eb: EbayStandIn
const provider = (options: EbayOptions = {}) => new EbayProvider({}, { api_base_url: eb.url, timeout_ms: 3_000, ...options })
const update = (sku: string, quantity: number): QuantityUpdate => ({ listing_id: `l-${sku}`, sku, location: null, quantity })
const bulkCalls = () => eb.requests.filter((r) => r.path.endsWith("/bulk_update_price_quantity"))
const bySku = <T extends { sku: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.sku, i]))

beforeAll(async () => {
  eb = await startEbayStandIn()
})
afterAll(() => eb.close())
beforeEach(() => {
  eb.store.reset()
  eb.requests.splice(0)
  eb.unexpected.splice(0)
  eb.setFaults({ queue: [] })
  eb.store.addClient(APP.client_id, APP.client_secret, APP.refresh_token)
})
afterEach(() => {
  expect(eb.unexpected).toEqual([])
})

describe("eBay provider: credentials and connection", () => {
  it("refuses a marketplace id eBay does not have, naming the field, and normalises case", () => {
    const p = provider()
    expect(() => p.validateCredentials({ ...APP, marketplace_id: "EBAY_XX" })).toThrow("credentials.marketplace_id")
    expect(p.validateCredentials({ ...APP, marketplace_id: "ebay_gb" }).marketplace_id).toBe("EBAY_GB")
  })

  it("names the account by marketplace, and reports a refused refresh token as auth", async () => {
    await expect(provider().testConnection(ctx)).resolves.toEqual({ ok: true, account: "eBay EBAY_US" })
    const refused = await provider().testConnection({ ...ctx, credentials: { ...ctx.credentials, refresh_token: "revoked" } })
    expect(refused).toMatchObject({ ok: false, error: { kind: "auth", code: "invalid_grant" } })
    const badKeys = await provider().testConnection({ ...ctx, credentials: { ...ctx.credentials, client_secret: "wrong" } })
    expect(badKeys).toMatchObject({ ok: false, error: { kind: "auth", code: "invalid_client" } })
  })
})

describe("eBay provider: bulkUpdatePriceQuantity", () => {
  it("settles a 207 per SKU: 25702 not_found, 25025 transient, 25713 rejected, the rest applied", async () => {
    ;["OK-1", "BUSY", "UNPUB", "OTHER"].forEach((sku) => eb.store.addItem({ sku, quantity: 1 }))
    eb.store.inject("BUSY", 25025, "Could not serialize access to inventory item BUSY due to concurrent access.")
    eb.store.inject("UNPUB", 25713, "This Offer is not available.")
    eb.store.inject("OTHER", 25759, "shipToLocationAvailability quantity insufficient to create auction listings.")
    const { items } = await provider().pushQuantities(ctx, ["OK-1", "BUSY", "UNPUB", "GHOST", "OTHER"].map((sku) => update(sku, 7)))
    expect(bulkCalls().map((r) => r.status)).toEqual([207])
    expect(items.map((i) => i.sku)).toEqual(["OK-1", "BUSY", "UNPUB", "GHOST", "OTHER"])
    const result = bySku(items)
    expect(result["OK-1"]).toEqual({ sku: "OK-1", location: null, outcome: "success", quantity: 7 })
    expect(result.GHOST).toMatchObject({ location: null, outcome: "error", error: { kind: "not_found", code: "SKU_NOT_FOUND", message: expect.stringContaining("GHOST") } })
    expect(result.BUSY).toMatchObject({ outcome: "error", error: { kind: "transient", code: "25025" } })
    expect(result.UNPUB).toMatchObject({ outcome: "error", error: { kind: "rejected", code: "25713", message: expect.stringContaining("not published") } })
    expect(result.OTHER).toMatchObject({ outcome: "error", error: { kind: "rejected", code: "25759", message: expect.stringContaining("auction") } })
    expect(eb.store.items.get("OK-1")!.quantity).toBe(7)
    expect(eb.store.items.get("BUSY")!.quantity).toBe(1)
    expect(eb.store.revisionsToday("OK-1")).toBe(1)
  })

  it("sends 25 SKUs in one call, one SKU per entry, and refuses 26 before any call", async () => {
    const skus = Array.from({ length: 26 }, (_, i) => `B-${i}`)
    skus.forEach((sku) => eb.store.addItem({ sku }))
    const { items } = await provider().pushQuantities(ctx, skus.slice(0, 25).map((sku, i) => update(sku, i)))
    expect(items.every((i) => i.outcome === "success")).toBe(true)
    expect(bulkCalls()).toHaveLength(1)
    const sent = (bulkCalls()[0].body as { requests: { sku: string; shipToLocationAvailability: { quantity: number }; offers?: unknown }[] }).requests
    expect(sent).toHaveLength(25)
    expect(sent[3]).toEqual({ sku: "B-3", shipToLocationAvailability: { quantity: 3 } })
    eb.requests.splice(0)
    const error = await provider().pushQuantities(ctx, skus.map((sku) => update(sku, 1))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChannelError)
    expect(error).toMatchObject({ kind: "rejected", code: "BATCH_TOO_LARGE" })
    expect(eb.requests).toEqual([])
  })

  it("never calls createOrReplaceInventoryItem and refuses a location on this per-SKU channel", async () => {
    eb.store.addItem({ sku: "L-1" })
    const { items } = await provider().pushQuantities(ctx, [update("L-1", 2), { ...update("L-1", 3), location: "WH1" }])
    expect(items[0]).toMatchObject({ outcome: "success", quantity: 2 })
    expect(items[1]).toMatchObject({ location: "WH1", outcome: "error", error: { kind: "rejected", code: "LOCATION_NOT_SUPPORTED" } })
    expect(eb.requests.filter((r) => r.method === "PUT")).toEqual([])
  })

  it("maps a 429 without Retry-After to 1 s doubling, and a 5xx to transient", async () => {
    eb.store.addItem({ sku: "T-1" })
    const p = provider()
    eb.setFaults({ queue: [{ status: 429 }, { status: 429 }, { status: 500 }] })
    await expect(p.pushQuantities(ctx, [update("T-1", 1)])).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 1_000 })
    await expect(p.pushQuantities(ctx, [update("T-1", 1)])).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 2_000 })
    await expect(p.pushQuantities(ctx, [update("T-1", 1)])).rejects.toMatchObject({ kind: "transient" })
    await expect(p.pushQuantities(ctx, [update("T-1", 1)])).resolves.toMatchObject({ items: [{ outcome: "success" }] })
    eb.setFaults({ queue: [{ status: 429 }] })
    await expect(p.pushQuantities(ctx, [update("T-1", 1)])).rejects.toMatchObject({ retryAfterMs: 1_000 })
  })
})

describe("eBay provider: access tokens", () => {
  it("exchanges once for concurrent pushes and reuses the token", async () => {
    ;["C-1", "C-2", "C-3"].forEach((sku) => eb.store.addItem({ sku }))
    const p = provider()
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => p.pushQuantities(ctx, [update(`C-${(i % 3) + 1}`, i)])))
    expect(answers.flatMap((a) => a.items).every((i) => i.outcome === "success")).toBe(true)
    await p.pushQuantities(ctx, [update("C-1", 9)])
    expect(eb.store.exchanges).toBe(1)
    const token = eb.requests.find((r) => r.path === "/identity/v1/oauth2/token")!
    expect(token.body).toEqual({ grant_type: "refresh_token", scope: "https://api.ebay.com/oauth/api_scope/sell.inventory https://api.ebay.com/oauth/api_scope/sell.fulfillment" })
  })

  it("refreshes once when the token expires mid-run, retrying each call once", async () => {
    ;["E-1", "E-2"].forEach((sku) => eb.store.addItem({ sku }))
    const p = provider()
    await p.pushQuantities(ctx, [update("E-1", 1)])
    eb.store.expireTokens()
    const answers = await Promise.all([p.pushQuantities(ctx, [update("E-1", 2)]), p.pushQuantities(ctx, [update("E-2", 3)]), p.readQuantities(ctx, { cursor: null })])
    expect(answers[0].items[0]).toMatchObject({ outcome: "success", quantity: 2 })
    expect(answers[1].items[0]).toMatchObject({ outcome: "success", quantity: 3 })
    expect(eb.store.exchanges).toBe(2)
    expect(eb.requests.filter((r) => r.status === 401)).toHaveLength(3)
  })

  it("does not use a token within 5 minutes of its expiry, and gives up as auth when a fresh token is refused", async () => {
    eb.store.addItem({ sku: "M-1" })
    eb.store.expires_in_s = 299
    const p = provider()
    await p.pushQuantities(ctx, [update("M-1", 1)])
    await p.pushQuantities(ctx, [update("M-1", 2)])
    expect(eb.store.exchanges).toBe(2)
    eb.store.token_lifetime_ms = 0
    await expect(p.pushQuantities(ctx, [update("M-1", 3)])).rejects.toMatchObject({ kind: "auth", code: "1001" })
  })
})

describe("eBay provider: offers", () => {
  it("leaves offers alone unless offer_governs", async () => {
    eb.store.addItem({ sku: "O-1", quantity: 1 })
    const offer = eb.store.addOffer("O-1", "PUBLISHED", 1)
    await provider().pushQuantities(ctx, [update("O-1", 4)])
    expect(eb.requests.filter((r) => r.path.endsWith("/offer"))).toEqual([])
    expect((bulkCalls()[0].body as { requests: object[] }).requests[0]).not.toHaveProperty("offers")
    expect(offer.availableQuantity).toBe(1)
    expect(eb.store.items.get("O-1")!.quantity).toBe(4)
  })

  it("with offer_governs reads each SKU's offers once and sets the published ones too", async () => {
    eb.store.addItem({ sku: "O-1", quantity: 1 })
    eb.store.addItem({ sku: "O-2", quantity: 1 })
    const published = eb.store.addOffer("O-1", "PUBLISHED", 1)
    const draft = eb.store.addOffer("O-1", "UNPUBLISHED", 1)
    const { items } = await provider({ offer_governs: true }).pushQuantities(ctx, [update("O-1", 6), update("O-2", 8), update("GHOST", 1)])
    expect(eb.requests.filter((r) => r.path.endsWith("/offer")).map((r) => r.raw.split("?")[1]).sort()).toEqual(
      ["sku=GHOST&marketplace_id=EBAY_US", "sku=O-1&marketplace_id=EBAY_US", "sku=O-2&marketplace_id=EBAY_US"]
    )
    const sent = (bulkCalls()[0].body as { requests: { sku: string; offers?: unknown }[] }).requests
    expect(bySku(sent)["O-1"].offers).toEqual([{ offerId: published.offerId, availableQuantity: 6 }])
    expect(bySku(sent)["O-2"]).not.toHaveProperty("offers")
    expect(published.availableQuantity).toBe(6)
    expect(draft.availableQuantity).toBe(1)
    expect(items.map((i) => i.outcome)).toEqual(["success", "success", "error"])
  })
})

describe("eBay provider: read-back, catalogue and orders", () => {
  it("reads chosen SKUs through bulk_get_inventory_item, 25 a call, skipping unknown ones", async () => {
    const skus = Array.from({ length: 30 }, (_, i) => `R-${i}`)
    skus.forEach((sku, i) => eb.store.addItem({ sku, quantity: i }))
    const p = provider()
    const first = await p.readQuantities(ctx, { cursor: null, skus: [...skus, "NOPE"] })
    expect(first.items).toHaveLength(25)
    expect(first.items[2]).toEqual({ sku: "R-2", location: null, quantity: 2, updated_at: null })
    const second = await p.readQuantities(ctx, { cursor: first.next_cursor, skus: [...skus, "NOPE"] })
    expect(second.items.map((q) => q.sku)).toEqual(["R-25", "R-26", "R-27", "R-28", "R-29"])
    expect(second.next_cursor).toBeNull()
  })

  it("lists the catalogue with the first GTIN", async () => {
    eb.store.addItem({ sku: "G-1", title: "Mug", upc: ["012345678905"] })
    eb.store.addItem({ sku: "G-2", title: "Cup" })
    const page = await provider().listCatalogue(ctx, { cursor: null })
    expect(page).toEqual({
      items: [
        { sku: "G-1", channel_product_id: null, title: "Mug", gtin: "012345678905", status: "active" },
        { sku: "G-2", channel_product_id: null, title: "Cup", gtin: null, status: "active" },
      ],
      next_cursor: null,
    })
  })

  it("filters orders by lastmodifieddate with encoded brackets, pages by offset, and maps them", async () => {
    const base = Date.parse("2026-03-01T00:00:00.000Z")
    for (let i = 0; i < 120; i++) {
      const at = new Date(base + i * 60_000).toISOString()
      eb.store.addOrder({ creationDate: at, lastModifiedDate: at, lines: [{ sku: "S-1", title: "Mug", quantity: 2, unitPrice: 4.25 }] })
    }
    const [cancelled, shipped] = [...eb.store.orders.values()].slice(-2)
    cancelled.cancelState = "CANCELED"
    shipped.orderFulfillmentStatus = "FULFILLED"
    eb.store.order_sort = "desc"
    const p = provider()
    const seen: string[] = []
    const offsets: string[] = []
    let cursor: string | null = null
    do {
      const page = await p.fetchOrders(ctx, { since: "2026-03-01T00:10:00Z", cursor })
      const times = page.items.map((o) => o.updated_at)
      expect(times).toEqual([...times].sort())
      seen.push(...page.items.map((o) => o.external_id))
      offsets.push(cursor ?? "0")
      cursor = page.next_cursor
    } while (cursor)
    expect(offsets).toEqual(["0", "50", "100"])
    expect(seen).toHaveLength(110)
    const raws = eb.requests.filter((r) => r.path.endsWith("/order")).map((r) => r.raw)
    expect(raws[0]).toContain("filter=lastmodifieddate:%5B2026-03-01T00:10:00.000Z..%5D&limit=50&offset=0")
    raws.forEach((raw) => expect(raw).not.toMatch(/[[\]]/))
    const orders = (await p.fetchOrders(ctx, { since: "2026-03-01T01:58:00.000Z", cursor: null })).items
    expect(orders.map((o) => o.status)).toEqual(["cancelled", "shipped"])
    expect(orders[0]).toEqual({
      external_id: cancelled.orderId, created_at: cancelled.creationDate, updated_at: cancelled.lastModifiedDate, status: "cancelled",
      currency_code: "usd", email: "buyer@example.com", lines: [{ sku: "S-1", quantity: 2, location: null, title: "Mug", unit_price: 4.25 }],
    })
  })
})
