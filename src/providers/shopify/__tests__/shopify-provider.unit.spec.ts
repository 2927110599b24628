import { ChannelError, type ChannelContext } from "../../../lib/provider"
import { ShopifyProvider } from "../service"
import { shopifyHarness } from "./harness"

const harness = shopifyHarness()
let provider: ShopifyProvider
let ctx: ChannelContext

beforeAll(() => harness.start())
afterAll(() => harness.stop())
beforeEach(async () => {
  ;({ provider, ctx } = (await harness.reset()) as { provider: ShopifyProvider; ctx: ChannelContext })
})
afterEach(() => expect(harness.unexpected()).toEqual([]))

const standIn = () => harness.standIn()
const shop = () => harness.shop()
const [main, berlin] = [() => harness.locations()[0]!, () => harness.locations()[1]!]
/** Which root fields each answered call asked for, in order (a throttled read waits and asks again). */
const calls = () => standIn().requests.filter((r) => !r.throttled).map((r) => r.fields.join(","))
const sets = () => standIn().requests.filter((r) => r.fields.includes("inventorySetQuantities"))
const quantitiesSent = (i: number) => (sets()[i].variables as { input: { quantities: Record<string, unknown>[] } }).input.quantities

describe("Shopify provider against the Admin GraphQL stand-in", () => {
  it("refuses versions without changeFromQuantity, bad base URLs and unknown reasons at boot", () => {
    expect(() => ShopifyProvider.validateOptions({ api_version: "2025-10" })).toThrow("option api_version must be one of 2026-01, 2026-04")
    expect(() => ShopifyProvider.validateOptions({ api_base_url: "ftp://x" })).toThrow("option api_base_url must be an http(s) URL")
    expect(() => ShopifyProvider.validateOptions({ reason: "because" })).toThrow("option reason")
    expect(() => ShopifyProvider.validateOptions({ api_version: "2026-04", api_base_url: "http://127.0.0.1:1", reason: "restock" })).not.toThrow()
  })

  it("takes the shop's myshopify.com domain however it is pasted, and nothing else", () => {
    const base = { access_token: "shpat_x" }
    expect(provider.validateCredentials({ ...base, shop_domain: "https://Kit-Shop.myshopify.com/" })).toEqual({ ...base, shop_domain: "kit-shop.myshopify.com" })
    expect(() => provider.validateCredentials({ ...base, shop_domain: "kit-shop.com" })).toThrow("credentials.shop_domain must be the shop's myshopify.com domain")
  })

  it("sets available with changeFromQuantity on every entry, a key per attempt and the sync record as reference; ids are resolved once", async () => {
    harness.seed(["TEE-M", "TEE-L"], 4)
    const first = await provider.pushQuantities(ctx, [
      { listing_id: "l1", sku: "TEE-M", location: main(), quantity: 7, known_quantity: 4, reference: "msync_1", attempt: 1 },
      { listing_id: "l2", sku: "TEE-L", location: berlin(), quantity: 0, known_quantity: null, reference: "msync_2", attempt: 1 },
    ])
    const items = [...shop().items.values()]
    expect(first.items).toEqual([
      { sku: "TEE-M", location: main(), outcome: "success", quantity: 7, channel_product_id: items[0].id },
      { sku: "TEE-L", location: berlin(), outcome: "success", quantity: 0, channel_product_id: items[1].id },
    ])
    expect(first.budget).toEqual({ remaining: expect.any(Number) })
    expect(calls()).toEqual(["productVariants", "inventorySetQuantities"])
    expect(sets()[0].variables).toMatchObject({
      key: "msync_1:1:1",
      input: { name: "available", reason: "correction", referenceDocumentUri: "gid://medusa-marketplace-sync/SyncRecord/msync_1" },
    })
    expect(quantitiesSent(0)).toEqual([
      { inventoryItemId: items[0].id, locationId: main(), quantity: 7, changeFromQuantity: 4 },
      { inventoryItemId: items[1].id, locationId: berlin(), quantity: 0, changeFromQuantity: null },
    ])
    expect(standIn().available(shop(), "TEE-M", main())).toBe(7)

    // With the id kept on the listing the next push is one call.
    await provider.pushQuantities(ctx, [{ listing_id: "l1", sku: "TEE-M", location: main(), quantity: 6, known_quantity: 7, channel_product_id: items[0].id }])
    expect(calls()).toEqual(["productVariants", "inventorySetQuantities", "inventorySetQuantities"])
    expect(standIn().available(shop(), "TEE-M", main())).toBe(6)
  })

  it("treats a stale compare as drift: reads the level, reports it, and sets again against the fresh value", async () => {
    harness.seed(["TEE-M", "TEE-L"], 4)
    const [m, l] = [...shop().items.values()]
    // Someone sold or edited in Shopify's admin since our last look.
    standIn().setAvailable(shop(), m.id, main(), 9)
    const result = await provider.pushQuantities(ctx, [
      { listing_id: "l1", sku: "TEE-M", location: main(), quantity: 5, known_quantity: 4, channel_product_id: m.id },
      { listing_id: "l2", sku: "TEE-L", location: main(), quantity: 2, known_quantity: 4, channel_product_id: l.id },
    ])
    expect(result.items).toEqual([
      { sku: "TEE-M", location: main(), outcome: "success", quantity: 5, drift: { expected: 4, found: 9 } },
      { sku: "TEE-L", location: main(), outcome: "success", quantity: 2 },
    ])
    // All-or-nothing: the good entry was not applied by the refused call, so it went again.
    expect(calls()).toEqual(["inventorySetQuantities", "inventoryItems", "inventorySetQuantities"])
    expect(quantitiesSent(1).map((q) => q.changeFromQuantity)).toEqual([4, 9])
    expect([standIn().available(shop(), "TEE-M", main()), standIn().available(shop(), "TEE-L", main())]).toEqual([5, 2])
  })

  it("gives up on a level that keeps moving after three compare rounds, as a transient error", async () => {
    harness.seed(["BUSY"], 1)
    const [item] = [...shop().items.values()]
    // A sale lands between every read and every set.
    let n = 0
    standIn().options.beforeSet = () => standIn().setAvailable(shop(), item.id, main(), 100 + n++)
    const result = await provider.pushQuantities(ctx, [{ listing_id: "l", sku: "BUSY", location: main(), quantity: 3, known_quantity: 0, channel_product_id: item.id }])
    expect(result.items).toMatchObject([{ outcome: "error", error: { kind: "transient", code: "CHANGE_FROM_QUANTITY_STALE" } }])
    // The first set and three compare rounds, each after a fresh read.
    expect(calls()).toEqual(["inventorySetQuantities", ...Array(3).fill(["inventoryItems", "inventorySetQuantities"]).flat()])
    expect(standIn().available(shop(), "BUSY", main())).toBe(103)
  })

  it("names the preconditions Shopify refuses: not stocked at the location, untracked, duplicated SKU, no location", async () => {
    standIn().addVariant(shop(), { sku: "ONLY-MAIN", stockedAt: [main()], available: 1 })
    standIn().addVariant(shop(), { sku: "UNTRACKED", tracked: false })
    standIn().addVariant(shop(), { sku: "TWICE" })
    standIn().addVariant(shop(), { sku: "TWICE" })
    const result = await provider.pushQuantities(ctx, [
      { listing_id: "a", sku: "ONLY-MAIN", location: berlin(), quantity: 1 },
      { listing_id: "b", sku: "UNTRACKED", location: main(), quantity: 1 },
      { listing_id: "c", sku: "TWICE", location: main(), quantity: 1 },
      { listing_id: "d", sku: "ONLY-MAIN", location: null, quantity: 1 },
    ])
    expect(result.items.map((i) => (i.outcome === "error" ? [i.sku, i.error.kind, i.error.code] : [i.sku, i.outcome]))).toEqual([
      ["ONLY-MAIN", "rejected", "ITEM_NOT_STOCKED_AT_LOCATION"],
      ["UNTRACKED", "rejected", "NOT_TRACKED"],
      ["TWICE", "rejected", "DUPLICATE_SKU"],
      ["ONLY-MAIN", "rejected", "LOCATION_REQUIRED"],
    ])
    const notStocked = result.items[0] as { error: { message: string } }
    expect(notStocked.error.message).toContain("is not stocked at Shopify location")
  })

  it("stocks the item at the location first when the channel's option says so", async () => {
    const activating = new ShopifyProvider({}, { api_base_url: standIn().url, activate_missing_levels: true })
    standIn().addVariant(shop(), { sku: "ONLY-MAIN", stockedAt: [main()], available: 1 })
    const result = await activating.pushQuantities(ctx, [{ listing_id: "a", sku: "ONLY-MAIN", location: berlin(), quantity: 6 }])
    expect(result.items).toMatchObject([{ outcome: "success", quantity: 6 }])
    expect(calls()).toEqual(["productVariants", "inventorySetQuantities", "inventoryActivate", "inventorySetQuantities"])
    expect(standIn().available(shop(), "ONLY-MAIN", berlin())).toBe(6)
  })

  it("looks an inventory item up again when the id kept on the listing no longer exists", async () => {
    harness.seed(["REMADE"], 2)
    const result = await provider.pushQuantities(ctx, [
      { listing_id: "a", sku: "REMADE", location: main(), quantity: 3, channel_product_id: "gid://shopify/InventoryItem/1", known_quantity: 2 },
    ])
    const [item] = [...shop().items.values()]
    expect(result.items).toEqual([{ sku: "REMADE", location: main(), outcome: "success", quantity: 3, channel_product_id: item.id }])
    expect(calls()).toEqual(["inventorySetQuantities", "productVariants", "inventorySetQuantities"])
  })

  it("reads THROTTLED from the body whether it comes as 200 or 429, with the wait the bucket needs", async () => {
    for (const status of [200, 429] as const) {
      ;({ provider, ctx } = (await harness.reset()) as { provider: ShopifyProvider; ctx: ChannelContext })
      standIn().options.throttleStatus = status
      shop().bucket = { maximum: 100, restoreRate: 10, available: 4, at: Date.now() }
      harness.seed(["SLOW"], 1)
      const [item] = [...shop().items.values()]
      const error = await provider
        .pushQuantities(ctx, [{ listing_id: "a", sku: "SLOW", location: main(), quantity: 1, channel_product_id: item.id }])
        .then(() => null, (e: unknown) => e as ChannelError)
      expect(error).toBeInstanceOf(ChannelError)
      expect(error!.toShape()).toMatchObject({ kind: "rate_limited", code: "THROTTLED" })
      // 10 points asked, about 4 left, 10 restored a second: about 0.6 s.
      expect(error!.retryAfterMs).toBeGreaterThan(300)
      expect(error!.retryAfterMs).toBeLessThanOrEqual(600)
      expect(standIn().requests.at(-1)).toMatchObject({ throttled: true, status })
    }
  })

  it("turns order webhooks into events with the same order id a poll reads, cancellations included", async () => {
    harness.seed(["TEE-M"], 5)
    const placed = await harness.placeOrder!([{ sku: "TEE-M", quantity: 2 }])
    const order = shop().orders[0]
    await standIn().cancelOrder(shop(), order.id)
    const { headers, raw } = standIn().signedDelivery(shop(), "orders/cancelled", standIn().orderPayload(shop(), order))
    const request = { headers, raw_body: Buffer.from(raw) }
    expect(provider.verifyWebhook(ctx, request)).toBe(true)
    const [event] = provider.parseWebhook(ctx, request)
    expect(event).toMatchObject({ id: headers["x-shopify-webhook-id"], type: "order", order: { external_id: placed.external_id, status: "cancelled", currency_code: "eur" } })
    const polled = await provider.fetchOrders(ctx, { since: "2000-01-01T00:00:00Z", cursor: null })
    expect(polled.items).toMatchObject([{ external_id: placed.external_id, status: "cancelled", lines: [{ sku: "TEE-M", quantity: 2, unit_price: 10 }] }])

    const other = standIn().signedDelivery(shop(), "products/update", { id: 1 })
    expect(provider.parseWebhook(ctx, { headers: other.headers, raw_body: Buffer.from(other.raw) })).toEqual([])
    const { "x-shopify-topic": _topic, ...untitled } = headers
    expect(() => provider.parseWebhook(ctx, { headers: untitled, raw_body: Buffer.from(raw) })).toThrow("X-Shopify-Topic")
    const lines = standIn().signedDelivery(shop(), "orders/create", { ...standIn().orderPayload(shop(), order), line_items: [] })
    expect(() => provider.parseWebhook(ctx, { headers: lines.headers, raw_body: Buffer.from(lines.raw) })).toThrow("line_items")
  })

  it("imports locations with codes an admin can read", async () => {
    expect(await provider.listLocations(ctx)).toEqual([
      { id: main(), code: "MAIN-WAREHOUSE", name: "Main Warehouse", active: true },
      { id: berlin(), code: "BERLIN-STORE", name: "Berlin Store", active: true },
    ])
  })
})
