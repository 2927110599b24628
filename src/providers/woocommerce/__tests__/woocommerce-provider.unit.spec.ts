import http from "node:http"
import type { AddressInfo } from "node:net"
import { ChannelError, type ChannelContext, type QuantityUpdate, type WebhookRequest } from "../../../lib/provider"
import { gmt, startWooCommerceStandIn, type WooCommerceStandIn, type WooProduct } from "../../../../stand-ins/woocommerce"
import { WooCommerceProvider } from "../service"

const KEY = "ck_3f2a9c0e7b1d4a6f8e5c2b9a0d7f1e3c5b8a6d4f"
const SECRET = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
const HTTPS_STORE = "https://shop.example.test"
const HTTP_STORE = "http://shop.example.test"
const NOT_MANAGED = "WooCommerce ignored the quantity: stock management is off for the store or this product"

let wc: WooCommerceStandIn
let provider: WooCommerceProvider

const ctx = (credentials: Record<string, string> = {}): ChannelContext => ({
  channel_id: "mch_wc",
  channel_code: "wc",
  credentials: { store_url: HTTPS_STORE, consumer_key: KEY, consumer_secret: SECRET, ...credentials },
})
const update = (sku: string, quantity: number, channel_product_id: string | null = null): QuantityUpdate => ({
  listing_id: `lst_${sku}`, sku, location: null, quantity, channel_product_id,
})

beforeAll(async () => {
  wc = await startWooCommerceStandIn()
})
afterAll(() => wc.close())

beforeEach(() => {
  wc.store.reset()
  wc.requests.splice(0)
  wc.unexpected.splice(0)
  wc.setFaults({})
  wc.store.addKey(KEY, SECRET)
  provider = new WooCommerceProvider({}, { api_base_url: wc.url, timeout_ms: 2_000, requests_per_second: 500 })
})
// Every test also proves the adapter stayed inside the documented contract.
afterEach(() => expect(wc.unexpected).toEqual([]))

/** Each test states exactly which calls it expects (OAuth parameters left out). */
const calls = () =>
  wc.requests.map((r) => {
    const query = Object.entries(r.query).map(([k, v]) => `${k}=${v}`).join("&")
    return `${r.method} ${r.path.replace("/wp-json/wc/v3", "")}${query ? `?${query}` : ""} ${r.status}`
  })

async function expectChannelError(promise: Promise<unknown>, shape: Partial<ReturnType<ChannelError["toShape"]>>) {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ChannelError)
  expect((error as ChannelError).toShape()).toMatchObject(shape)
}

function variable(name: string, skus: string[], input: Partial<WooProduct> = {}) {
  const parent = wc.store.addProduct({ sku: "", name, type: "variable", ...input })
  const variations = skus.map((sku, i) => wc.store.addVariation(parent, { sku, attributes: [{ id: 1, name: "Size", option: ["S", "M", "L"][i % 3] }] }))
  return { parent, variations }
}

/** A receiver for the stand-in's webhooks, keeping each delivery as our route gets it. */
async function webhookReceiver() {
  const got: WebhookRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      got.push({ headers: req.headers, raw_body: Buffer.concat(chunks) })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/marketplace/mch_wc`
  return { url, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe("WooCommerce provider against the stand-in", () => {
  it("refuses bad options naming the option, and declares its limits", () => {
    expect(() => WooCommerceProvider.validateOptions({ api_base_url: "ftp://stand-in" })).toThrow("option api_base_url must be an http(s) URL")
    expect(() => WooCommerceProvider.validateOptions({ timeout_ms: 0 })).toThrow("option timeout_ms must be a positive number")
    expect(() => WooCommerceProvider.validateOptions({ requests_per_second: "fast" })).toThrow("option requests_per_second must be a positive number")
    expect(() => WooCommerceProvider.validateOptions({})).not.toThrow()
    expect(() => WooCommerceProvider.validateOptions({ api_base_url: "http://127.0.0.1:9", timeout_ms: 500, requests_per_second: 2 })).not.toThrow()
    expect(new WooCommerceProvider({}, { requests_per_second: 2 }).capabilities).toEqual({
      batch_size: 100, rate_limit: { requests: 2, per_ms: 1_000 }, per_location: false, push_mode: "sync",
      read_back: true, catalogue: true, order_import: true, webhooks: true, force_reconcile: true,
    })
    expect(new WooCommerceProvider({}, {}).capabilities.rate_limit).toEqual({ requests: 5, per_ms: 1_000 })
  })

  it("takes a store URL only as an http(s) URL and requires both keys", () => {
    const keys = { consumer_key: KEY, consumer_secret: SECRET }
    expect(() => provider.validateCredentials({ store_url: "shop.example.test", ...keys })).toThrow("credentials.store_url must be an http(s) URL")
    expect(() => provider.validateCredentials({ store_url: "ftp://shop.example.test", ...keys })).toThrow("credentials.store_url must be an http(s) URL")
    expect(() => provider.validateCredentials({ store_url: HTTPS_STORE, consumer_key: KEY })).toThrow("credentials.consumer_secret is required")
    expect(provider.validateCredentials({ store_url: `${HTTPS_STORE}/`, ...keys })).toEqual({ store_url: HTTPS_STORE, ...keys })
    expect(provider.credentialFields().map((f) => [f.name, f.secret, f.required])).toEqual([
      ["store_url", false, true], ["consumer_key", true, true], ["consumer_secret", true, true], ["webhook_secret", true, false],
    ])
  })

  it("names the shop from /wp-json/ and proves the keys with one keyed read; refused keys are auth errors", async () => {
    await expect(provider.testConnection(ctx())).resolves.toEqual({ ok: true, account: "Stand-in Shop" })
    const wrongSecret = await provider.testConnection(ctx({ consumer_secret: "cs_wrong" }))
    expect(wrongSecret).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth", code: "woocommerce_rest_authentication_error", message: "Consumer secret is invalid." }) })
    const unknownKey = await provider.testConnection(ctx({ consumer_key: "ck_unknown" }))
    expect(unknownKey).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth", code: "woocommerce_rest_cannot_view" }) })
    expect(calls()).toEqual([
      "GET /wp-json/ 200", "GET /products?per_page=1 200",
      "GET /wp-json/ 200", "GET /products?per_page=1 401",
      "GET /wp-json/ 200", "GET /products?per_page=1 401",
    ])
    expect(wc.requests.map((r) => r.authorization)).toEqual([null, "Basic", null, "Basic", null, "Basic"])
  })

  it("signs with OAuth 1.0a over a plain-http store, for the URL actually requested, and never sends the keys in the clear", async () => {
    wc.store.settings.ssl = false
    const odd = wc.store.addProduct({ sku: "TEE/RED 1+" })
    const comma = wc.store.addProduct({ sku: "A,B" })
    const plain = ctx({ store_url: HTTP_STORE })
    const result = await provider.pushQuantities(plain, [update("TEE/RED 1+", 4), update("A,B", 2)])
    expect(result.items).toEqual([
      { sku: "TEE/RED 1+", location: null, outcome: "success", quantity: 4, channel_product_id: String(odd.id) },
      { sku: "A,B", location: null, outcome: "success", quantity: 2, channel_product_id: String(comma.id) },
    ])
    // A SKU with a comma is looked up alone: WooCommerce splits ?sku= on commas.
    expect(calls()).toEqual(["GET /products?sku=TEE/RED 1+&per_page=100 200", "GET /products?sku=A,B&per_page=100 200", "POST /products/batch 200"])
    expect(wc.requests.map((r) => [r.auth, r.authorization, r.query.consumer_secret])).toEqual(Array(3).fill(["oauth1", null, undefined]))
    // WordPress only reads Basic credentials on TLS: sent to the plain-http site they count for nothing.
    const basic = await provider.testConnection(ctx())
    expect(basic).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth", code: "woocommerce_rest_cannot_view" }) })
    const wrong = await provider.testConnection(ctx({ store_url: HTTP_STORE, consumer_secret: "cs_wrong" }))
    expect(wrong).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth", message: "Invalid signature - provided signature does not match." }) })
  })

  it("pushes simple products and variations in one call: one batch per parent, manage_stock with every quantity", async () => {
    const a = wc.store.addProduct({ sku: "A" })
    const b = wc.store.addProduct({ sku: "B", manage_stock: true, stock_quantity: 1 })
    const tee = variable("Tee", ["TEE-S", "TEE-M"])
    const hoodie = variable("Hoodie", ["HOODIE-L"])
    const result = await provider.pushQuantities(ctx(), [update("A", 5), update("TEE-S", 2), update("B", 0), update("HOODIE-L", 7), update("TEE-M", 3)])
    expect(result.items).toEqual([
      { sku: "A", location: null, outcome: "success", quantity: 5, channel_product_id: String(a.id) },
      { sku: "TEE-S", location: null, outcome: "success", quantity: 2, channel_product_id: `${tee.parent.id}:${tee.variations[0].id}` },
      { sku: "B", location: null, outcome: "success", quantity: 0, channel_product_id: String(b.id) },
      { sku: "HOODIE-L", location: null, outcome: "success", quantity: 7, channel_product_id: `${hoodie.parent.id}:${hoodie.variations[0].id}` },
      { sku: "TEE-M", location: null, outcome: "success", quantity: 3, channel_product_id: `${tee.parent.id}:${tee.variations[1].id}` },
    ])
    expect(calls()).toEqual([
      "GET /products?sku=A,TEE-S,B,HOODIE-L,TEE-M&per_page=100 200",
      "POST /products/batch 200",
      `POST /products/${tee.parent.id}/variations/batch 200`,
      `POST /products/${hoodie.parent.id}/variations/batch 200`,
    ])
    expect(wc.requests.slice(1).map((r) => r.body)).toEqual([
      { update: [{ id: a.id, manage_stock: true, stock_quantity: 5 }, { id: b.id, manage_stock: true, stock_quantity: 0 }] },
      { update: [{ id: tee.variations[0].id, manage_stock: true, stock_quantity: 2 }, { id: tee.variations[1].id, manage_stock: true, stock_quantity: 3 }] },
      { update: [{ id: hoodie.variations[0].id, manage_stock: true, stock_quantity: 7 }] },
    ])
    expect([a.manage_stock, a.stock_quantity, tee.variations[1].stock_quantity]).toEqual([true, 5, 3])
  })

  it("sends a push of 100 as one batch per parent, and refuses 101 before any call", async () => {
    const simple = Array.from({ length: 60 }, (_, i) => wc.store.addProduct({ sku: `S-${i}` }))
    const big = variable("Big", Array.from({ length: 25 }, (_, i) => `BIG-${i}`))
    const small = variable("Small", Array.from({ length: 15 }, (_, i) => `SMALL-${i}`))
    const updates = [
      ...simple.map((p, i) => update(p.sku, i, String(p.id))),
      ...big.variations.map((v, i) => update(v.sku, i, `${big.parent.id}:${v.id}`)),
      ...small.variations.map((v, i) => update(v.sku, i, `${small.parent.id}:${v.id}`)),
    ]
    expect(provider.pushCost(updates)).toBe(3)
    const result = await provider.pushQuantities(ctx(), updates)
    expect(result.items.filter((item) => item.outcome === "success")).toHaveLength(100)
    expect(wc.requests.map((r) => [r.path.replace("/wp-json/wc/v3", ""), (r.body as { update: unknown[] }).update.length, r.status])).toEqual([
      ["/products/batch", 60, 200],
      [`/products/${big.parent.id}/variations/batch`, 25, 200],
      [`/products/${small.parent.id}/variations/batch`, 15, 200],
    ])
    const over = [...updates, update("S-0", 1, String(simple[0].id))]
    await expect(provider.pushQuantities(ctx(), over)).rejects.toMatchObject({ kind: "rejected", code: "BATCH_TOO_LARGE" })
    expect(wc.requests).toHaveLength(3)
  })

  it("maps per-item failures: unknown SKU, a variation stocked by its parent, stale ids", async () => {
    const a = wc.store.addProduct({ sku: "A" })
    const shared = variable("Shared", ["SHARED-S"], { manage_stock: true, stock_quantity: 9 })
    const result = await provider.pushQuantities(ctx(), [
      update("MISSING", 1),
      update("SHARED-S", 4),
      update("GONE", 1, "99999"),
      update("GONE-V", 1, `${shared.parent.id}:88888`),
      update("A", 3),
    ])
    expect(result.items).toEqual([
      { sku: "MISSING", location: null, outcome: "error", error: expect.objectContaining({ kind: "not_found", code: "SKU_NOT_FOUND", message: expect.stringContaining('SKU "MISSING"') }) },
      // No channel_product_id: the next push looks it up again rather than writing it by id.
      { sku: "SHARED-S", location: null, outcome: "error", error: {
        kind: "rejected", code: "STOCK_MANAGED_BY_PARENT",
        message: `WooCommerce manages the stock of variation ${shared.variations[0].id} on its parent product ${shared.parent.id}: turn on "Manage stock?" for the variation, or list the parent's SKU instead`,
      } },
      { sku: "GONE", location: null, outcome: "error", error: { kind: "not_found", code: "woocommerce_rest_product_invalid_id", message: "WooCommerce refused product 99999: Invalid ID." } },
      { sku: "GONE-V", location: null, outcome: "error", error: expect.objectContaining({ kind: "not_found", code: "woocommerce_rest_product_variation_invalid_id" }) },
      { sku: "A", location: null, outcome: "success", quantity: 3, channel_product_id: String(a.id) },
    ])
    expect(calls()).toEqual([
      "GET /products?sku=MISSING,SHARED-S,A&per_page=100 200",
      "POST /products/batch 200",
      `POST /products/${shared.parent.id}/variations/batch 200`,
    ])
    // The shared stock was left alone.
    expect([shared.variations[0].manage_stock, wc.store.stockOf(shared.variations[0])]).toEqual([false, 9])
  })

  it("reports a quantity WooCommerce ignored because the store does not manage stock", async () => {
    wc.store.settings.manage_stock = false
    const a = wc.store.addProduct({ sku: "A" })
    const tee = variable("Tee", ["TEE-S"])
    const result = await provider.pushQuantities(ctx(), [update("A", 5, String(a.id)), update("TEE-S", 2, `${tee.parent.id}:${tee.variations[0].id}`)])
    expect(result.items).toEqual([
      { sku: "A", location: null, outcome: "error", error: { kind: "rejected", code: "STOCK_NOT_MANAGED", message: `${NOT_MANAGED} (product ${a.id})` } },
      { sku: "TEE-S", location: null, outcome: "error", error: { kind: "rejected", code: "STOCK_NOT_MANAGED", message: `${NOT_MANAGED} (variation ${tee.variations[0].id} of product ${tee.parent.id})` } },
    ])
    expect(a.stock_quantity).toBeNull()
  })

  it("writes a variation given by its id with its own stock, as WooCommerce does for manage_stock: true", async () => {
    const shared = variable("Shared", ["SHARED-S", "SHARED-M"], { manage_stock: true, stock_quantity: 9 })
    const [s, m] = shared.variations
    const result = await provider.pushQuantities(ctx(), [update("SHARED-S", 4, `${shared.parent.id}:${s.id}`)])
    expect(result.items).toEqual([{ sku: "SHARED-S", location: null, outcome: "success", quantity: 4 }])
    expect([s.manage_stock, wc.store.stockOf(s), wc.store.managing(m), wc.store.stockOf(m)]).toEqual([true, 4, "parent", 9])
  })

  it("resolves ids once: a push that carries channel_product_id makes no ?sku= look-up", async () => {
    wc.store.addProduct({ sku: "A" })
    variable("Tee", ["TEE-S"])
    const first = await provider.pushQuantities(ctx(), [update("A", 1), update("TEE-S", 1)])
    const ids = first.items.map((item) => ("channel_product_id" in item ? item.channel_product_id : null))
    expect(ids.every(Boolean)).toBe(true)
    wc.requests.splice(0)
    const second = await provider.pushQuantities(ctx(), [update("A", 6, ids[0]), update("TEE-S", 7, ids[1])])
    expect(second.items.map((item) => [item.sku, item.outcome, "quantity" in item ? item.quantity : null])).toEqual([["A", "success", 6], ["TEE-S", "success", 7]])
    expect(calls().filter((call) => call.includes("sku="))).toEqual([])
    expect(calls()).toHaveLength(2)
  })

  it("turns a 429 into rate_limited with the Retry-After wait, in seconds or as an HTTP date, and 5xx into transient", async () => {
    const a = wc.store.addProduct({ sku: "A" })
    const push = () => provider.pushQuantities(ctx(), [update("A", 1, String(a.id))])
    wc.setFaults({ queue: [{ status: 429, retry_after: 7 }] })
    await expectChannelError(push(), { kind: "rate_limited", retry_after_ms: 7_000 })
    const at = new Date(Date.now() + 30_000).toUTCString()
    wc.setFaults({ queue: [{ status: 429, retry_after: at, body: "<html>Too Many Requests</html>" }] })
    const error = await push().catch((e: ChannelError) => e)
    expect(error).toMatchObject({ kind: "rate_limited" })
    expect((error as ChannelError).retryAfterMs).toBeGreaterThan(27_000)
    expect((error as ChannelError).retryAfterMs).toBeLessThanOrEqual(30_000)
    wc.setFaults({ queue: [{ status: 500 }, { status: 503, body: "<html>Service Unavailable</html>" }] })
    await expectChannelError(push(), { kind: "transient", code: "internal_server_error", message: "There has been a critical error on this website." })
    await expectChannelError(push(), { kind: "transient", code: "HTTP_503" })
    expect(calls()).toEqual(["POST /products/batch 429", "POST /products/batch 429", "POST /products/batch 500", "POST /products/batch 503"])
    expect(a.stock_quantity).toBeNull()
  })

  it("keeps what landed when a later batch of the same push is throttled", async () => {
    const a = wc.store.addProduct({ sku: "A" })
    const tee = variable("Tee", ["TEE-S"])
    wc.setFaults({ queue: [null, { status: 429, retry_after: 2 }] })
    const result = await provider.pushQuantities(ctx(), [update("A", 1, String(a.id)), update("TEE-S", 2, `${tee.parent.id}:${tee.variations[0].id}`)])
    expect(result).toEqual({
      items: [
        { sku: "A", location: null, outcome: "success", quantity: 1 },
        { sku: "TEE-S", location: null, outcome: "error", error: expect.objectContaining({ kind: "rate_limited", retry_after_ms: 2_000 }) },
      ],
      budget: { wait_ms: 2_000 },
    })
  })

  /**
   * 228 simple products with SKUs, one without, a grouped one, and a variable one (SKU "TEE", not
   * stocked itself) with 3 variations and a fourth that shows the parent's SKU for lack of its own: 3 pages.
   */
  function seedCatalogue() {
    for (let i = 0; i < 228; i++) {
      wc.store.addProduct({ sku: `P-${String(i).padStart(3, "0")}`, manage_stock: true, stock_quantity: i, date_modified_gmt: "2026-01-02T10:00:00" })
    }
    wc.store.addProduct({ sku: "" })
    wc.store.addProduct({ sku: "BUNDLE", type: "grouped" })
    const tee = variable("Tee", ["TEE-S", "TEE-M", "TEE-L", ""], { sku: "TEE" })
    tee.variations[0].manage_stock = true
    tee.variations[0].stock_quantity = 4
    tee.variations[0].global_unique_id = "4006381333931"
    return tee
  }

  it("reads quantities back page by page, variations included, and by SKU", async () => {
    const tee = seedCatalogue()
    const pages = []
    let cursor: string | null = null
    do {
      const page = await provider.readQuantities(ctx(), { cursor })
      pages.push(page)
      cursor = page.next_cursor
    } while (cursor)
    expect(pages.map((p) => [p.items.length, p.next_cursor])).toEqual([[100, "2"], [100, "3"], [31, null]])
    const items = pages.flatMap((p) => p.items)
    expect(items[7]).toEqual({ sku: "P-007", location: null, quantity: 7, updated_at: "2026-01-02T10:00:00.000Z" })
    expect(items.slice(-3).map((i) => [i.sku, i.quantity])).toEqual([["TEE-S", 4], ["TEE-M", 0], ["TEE-L", 0]])
    expect(calls()).toEqual([
      "GET /products?per_page=100&page=1&orderby=id&order=asc 200",
      "GET /products?per_page=100&page=2&orderby=id&order=asc 200",
      "GET /products?per_page=100&page=3&orderby=id&order=asc 200",
      `GET /products/${tee.parent.id}/variations?per_page=100&page=1&orderby=id&order=asc 200`,
    ])
    wc.requests.splice(0)
    const some = await provider.readQuantities(ctx(), { cursor: null, skus: ["P-007", "TEE-S", "NOPE"] })
    expect(some).toEqual({ items: [expect.objectContaining({ sku: "P-007", quantity: 7 }), expect.objectContaining({ sku: "TEE-S", quantity: 4 })], next_cursor: null })
    expect(calls()).toEqual(["GET /products?sku=P-007,TEE-S,NOPE&per_page=100 200"])
  })

  it("lists the catalogue with channel ids, titles, GTINs and statuses across pages", async () => {
    const tee = seedCatalogue()
    const mug = wc.store.addProduct({ sku: "MUG", name: "Mug", global_unique_id: "0012345678905", manage_stock: true, stock_quantity: 1 })
    wc.store.addProduct({ sku: "DRAFT", status: "draft" })
    wc.store.addProduct({ sku: "HIDDEN", status: "private" })
    const entries = []
    let cursor: string | null = null
    do {
      const page = await provider.listCatalogue(ctx(), { cursor })
      entries.push(...page.items)
      cursor = page.next_cursor
    } while (cursor)
    expect(entries).toHaveLength(234)
    expect(entries.find((e) => e.sku === "TEE-S")).toEqual({
      sku: "TEE-S", channel_product_id: `${tee.parent.id}:${tee.variations[0].id}`, title: "Tee - S", gtin: "4006381333931", status: "active",
    })
    expect(entries.find((e) => e.sku === "MUG")).toEqual({ sku: "MUG", channel_product_id: String(mug.id), title: "Mug", gtin: "0012345678905", status: "active" })
    expect(entries.filter((e) => ["DRAFT", "HIDDEN"].includes(e.sku)).map((e) => e.status)).toEqual(["inactive", "inactive"])
    expect(entries.some((e) => ["BUNDLE", "TEE", ""].includes(e.sku))).toBe(false)
  })

  it("fetches orders changed since a cursor, oldest change first, in the provider's shapes", async () => {
    const now = Date.now()
    const line = { name: "Mug", product_id: 1, variation_id: 0, quantity: 2, sku: "MUG", price: 12.5 }
    const old = wc.store.addOrder({ line_items: [line], date_modified_gmt: gmt(now - 3_600_000) })
    const atSince = wc.store.addOrder({ line_items: [line], date_created_gmt: gmt(now - 7_200_000), date_modified_gmt: gmt(now - 120_000) })
    const shipped = wc.store.addOrder({ line_items: [line], status: "completed", date_modified_gmt: gmt(now - 60_000) })
    const refunded = wc.store.addOrder({ line_items: [line], status: "refunded", currency: "USD", date_modified_gmt: gmt(now - 30_000) })
    wc.store.addOrder({ line_items: [line], status: "checkout-draft", date_modified_gmt: gmt(now - 10_000) })
    const since = new Date(Date.parse(`${atSince.date_modified_gmt}Z`)).toISOString()
    const page = await provider.fetchOrders(ctx(), { since, cursor: null })
    expect(page.next_cursor).toBeNull()
    expect(page.items.map((o) => [o.external_id, o.status])).toEqual([[String(atSince.id), "open"], [String(shipped.id), "shipped"], [String(refunded.id), "cancelled"]])
    expect(page.items[0]).toEqual({
      external_id: String(atSince.id), created_at: `${atSince.date_created_gmt}.000Z`, updated_at: since, status: "open", currency_code: "eur",
      email: "buyer@example.com", lines: [{ sku: "MUG", quantity: 2, location: null, title: "Mug", unit_price: 12.5 }],
    })
    expect(page.items.map((o) => o.external_id)).not.toContain(String(old.id))
    // modified_after is exclusive and to the second: the window opens a second before `since`.
    expect(wc.requests[0].query).toEqual({
      modified_after: gmt(Date.parse(since) - 1_000), dates_are_gmt: "true", orderby: "modified", order: "asc", per_page: "100", page: "1",
    })
  })

  it("walks more than a page of orders without losing one that changes during the walk", async () => {
    const start = Date.now() - 1_000_000
    const orders = Array.from({ length: 230 }, (_, i) =>
      wc.store.addOrder({ line_items: [{ name: "Mug", product_id: 1, variation_id: 0, quantity: 1, sku: "MUG", price: 1 }], date_modified_gmt: gmt(start + i * 1_000) })
    )
    const seen = new Set<string>()
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await provider.fetchOrders(ctx(), { since: new Date(start).toISOString(), cursor })
      const times = page.items.map((o) => o.updated_at)
      expect(times).toEqual([...times].sort())
      page.items.forEach((o) => seen.add(o.external_id))
      if (pages++ === 0) {
        // The 10th order changes now, so it moves behind every other one: counting pages would
        // now skip the order that slides onto page 1.
        orders[9].date_modified_gmt = gmt()
      }
      cursor = page.next_cursor
    } while (cursor)
    expect(orders.filter((o) => !seen.has(String(o.id))).map((o) => o.id)).toEqual([])
    expect(wc.requests.every((r) => r.query.per_page === "100" && r.status === 200)).toBe(true)
    expect(pages).toBeGreaterThanOrEqual(3)
  })

  it("verifies signed order webhooks on the raw body, and lets the unsigned ping through", async () => {
    const rx = await webhookReceiver()
    try {
      const secret = "whsec_0123456789abcdef"
      const hook = wc.store.addWebhook({ topic: "order.created", delivery_url: rx.url, secret })
      const signed = ctx({ webhook_secret: secret })
      const order = wc.store.addOrder({ line_items: [{ name: "Mug 1/2 l", product_id: 1, variation_id: 0, quantity: 2, sku: "MUG", price: 12.5 }] })
      expect(await wc.sendOrderWebhook(order, "order.created")).toEqual([expect.objectContaining({ webhook_id: hook.id, status: 200 })])
      const delivered = rx.got[0]
      // wp_json_encode escapes slashes: only the raw bytes carry the signature.
      expect(delivered.raw_body.toString()).toContain("Mug 1\\/2 l")
      expect(provider.verifyWebhook(signed, delivered)).toBe(true)
      const tampered = Buffer.from(delivered.raw_body.toString().replace('"quantity":2', '"quantity":20'))
      expect(provider.verifyWebhook(signed, { ...delivered, raw_body: tampered })).toBe(false)
      const { "x-wc-webhook-signature": _signature, ...unsigned } = delivered.headers
      expect(provider.verifyWebhook(signed, { ...delivered, headers: unsigned })).toBe(false)
      expect(provider.verifyWebhook(ctx({ webhook_secret: "another-secret" }), delivered)).toBe(false)
      expect(provider.verifyWebhook(ctx(), delivered)).toBe(false)

      expect(await wc.sendPing(rx.url, hook.id)).toBe(200)
      const ping = rx.got[1]
      expect(ping.raw_body.toString()).toBe(`webhook_id=${hook.id}`)
      expect(provider.verifyWebhook(ctx(), ping)).toBe(true)
      expect(provider.parseWebhook(ctx(), ping)).toEqual([])
      // A signature-less JSON body is not a ping.
      expect(provider.verifyWebhook(signed, { headers: { "content-type": "application/x-www-form-urlencoded" }, raw_body: Buffer.from("webhook_id=1&x=2") })).toBe(false)
    } finally {
      await rx.close()
    }
  })

  it("verifies with a secret holding & and <, in the HTML-escaped form WordPress stores and as typed", async () => {
    const rx = await webhookReceiver()
    try {
      const stored = "p&amp;ss&lt;1&gt;&#039;x"
      wc.store.addWebhook({ topic: "order.updated", delivery_url: rx.url, secret: stored })
      await wc.sendOrderWebhook(wc.store.addOrder({ line_items: [{ name: "Mug", product_id: 1, variation_id: 0, quantity: 1, sku: "MUG", price: 1 }] }), "order.updated")
      expect(provider.verifyWebhook(ctx({ webhook_secret: stored }), rx.got[0])).toBe(true)
      expect(provider.verifyWebhook(ctx({ webhook_secret: "p&ss<1>'x" }), rx.got[0])).toBe(true)
      expect(provider.verifyWebhook(ctx({ webhook_secret: "p&amp;ss" }), rx.got[0])).toBe(false)
    } finally {
      await rx.close()
    }
  })

  it("parses created, updated and restored orders into events, ignores deleted and other topics, and refuses bodies WooCommerce never sends", async () => {
    const rx = await webhookReceiver()
    try {
      for (const topic of ["order.created", "order.updated", "order.deleted", "order.restored"]) {
        wc.store.addWebhook({ topic, delivery_url: rx.url, secret: "whsec_x" })
      }
      const order = wc.store.addOrder({ line_items: [{ name: "Tee S", product_id: 10, variation_id: 11, quantity: 3, sku: "TEE-S", price: 20 }] })
      // Start at the top of a second, so the deliveries below share one (WooCommerce's delivery ids are per second).
      await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)))
      await wc.sendOrderWebhook(order, "order.created")
      await wc.sendOrderWebhook(order, "order.updated")
      order.status = "cancelled"
      await wc.sendOrderWebhook(order, "order.updated")
      await wc.sendOrderWebhook(order, "order.deleted")
      await wc.sendOrderWebhook(order, "order.restored")
      const [created, updated, cancelled, deleted, restored] = rx.got.map((request) => provider.parseWebhook(ctx(), request))
      expect(created).toEqual([{
        id: expect.stringMatching(new RegExp(`^\\d+:${order.id}:${order.date_modified_gmt}:[0-9a-f]{16}$`)),
        type: "order",
        order: expect.objectContaining({ external_id: String(order.id), status: "open", lines: [{ sku: "TEE-S", quantity: 3, location: null, title: "Tee S", unit_price: 20 }] }),
      }])
      expect(cancelled[0]).toMatchObject({ type: "order", order: { status: "cancelled" } })
      // Same second, same webhook: WooCommerce gives both deliveries one delivery id; the events still differ.
      expect(rx.got[1].headers["x-wc-webhook-delivery-id"]).toBe(rx.got[2].headers["x-wc-webhook-delivery-id"])
      expect(new Set([created[0].id, updated[0].id, cancelled[0].id]).size).toBe(3)
      expect(deleted).toEqual([])
      expect(restored).toHaveLength(1)
      expect(provider.parseWebhook(ctx(), { headers: { "x-wc-webhook-topic": "product.updated" }, raw_body: Buffer.from("{}") })).toEqual([])

      const asOrder = (body: string) => ({ headers: { "x-wc-webhook-topic": "order.created" }, raw_body: Buffer.from(body) })
      expect(() => provider.parseWebhook(ctx(), asOrder("{nope"))).toThrow("not valid JSON")
      expect(() => provider.parseWebhook(ctx(), asOrder(JSON.stringify({ id: 5, date_modified_gmt: "2026-01-01T00:00:00" })))).toThrow("has no valid line_items")
      expect(() => provider.parseWebhook(ctx(), asOrder(JSON.stringify({ line_items: [] })))).toThrow("has no valid id")
      const refusal = (() => {
        try {
          provider.parseWebhook(ctx(), { headers: {}, raw_body: Buffer.from("{}") })
        } catch (error) {
          return error
        }
      })()
      expect(refusal).toMatchObject({ kind: "rejected", code: "MALFORMED_WEBHOOK" })
    } finally {
      await rx.close()
    }
  })

  it("has a stand-in that records calls outside the contract", async () => {
    const response = await fetch(`${wc.url}/wp-json/wc/v3/inventory`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: "rest_no_route" })
    await fetch(`${wc.url}/wp-json/wc/v3/products?per_page=101&consumer_key=${KEY}&consumer_secret=${SECRET}`)
    expect(wc.unexpected.map((u) => u.reason)).toEqual(["no route", "per_page=101"])
    wc.unexpected.splice(0)
  })
})
