import { ChannelError } from "../../../lib/provider"
import { SandboxServer, signWebhook, startSandbox } from "../../../../sandbox/server"
import { SandboxProvider } from "../service"

const KEY = "provider-test-key-0001"
const ctx = { channel_id: "mch_test", channel_code: "test", credentials: { api_key: KEY } }

let sandbox: SandboxServer
let provider: SandboxProvider

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())

beforeEach(() => {
  sandbox.store.reset()
  sandbox.requests.splice(0)
  sandbox.setFaults({})
  const account = sandbox.store.addAccount({ api_key: KEY, name: "Test seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
  for (const sku of ["A", "B", "LOCKED"]) {
    sandbox.store.upsertListing(account, { sku, status: sku === "LOCKED" ? "locked" : "active" })
  }
  provider = new SandboxProvider({}, { base_url: sandbox.url, timeout_ms: 300 })
})

/** The stand-in records every call; each test states exactly which calls it expects. */
const calls = () => sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)

async function expectChannelError(promise: Promise<unknown>, shape: Partial<ReturnType<ChannelError["toShape"]>>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ChannelError)
  expect((error as ChannelError).toShape()).toMatchObject(shape)
}

describe("sandbox provider over HTTP", () => {
  it("refuses options without an http(s) base_url or with a bad timeout", () => {
    expect(() => SandboxProvider.validateOptions({})).toThrow("option base_url must be an http(s) URL")
    expect(() => SandboxProvider.validateOptions({ base_url: "ftp://x" })).toThrow("base_url")
    expect(() => SandboxProvider.validateOptions({ base_url: "http://x", timeout_ms: -1 })).toThrow("timeout_ms")
    expect(() => SandboxProvider.validateOptions({ base_url: "http://x" })).not.toThrow()
  })

  it("tests the connection with the API key and reports a refused key as an auth error", async () => {
    await expect(provider.testConnection(ctx)).resolves.toEqual({ ok: true, account: "Test seller" })
    const refused = await provider.testConnection({ ...ctx, credentials: { api_key: "wrong" } })
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth", code: "UNAUTHORIZED", message: "Unknown API key" }) })
    expect(calls()).toEqual(["GET /api/account 200", "GET /api/account 401"])
    expect(sandbox.requests.map((r) => r.api_key)).toEqual([KEY, "wrong"])
  })

  it("pushes a batch in one call and maps each item's result to the closed error set", async () => {
    const result = await provider.pushQuantities(ctx, [
      { listing_id: "l1", sku: "A", location: "EAST", quantity: 5 },
      { listing_id: "l2", sku: "A", location: "WEST", quantity: 0 },
      { listing_id: "l3", sku: "MISSING", location: "EAST", quantity: 1 },
      { listing_id: "l4", sku: "LOCKED", location: "EAST", quantity: 2 },
      { listing_id: "l5", sku: "B", location: "NORTH", quantity: 2 },
    ])
    expect(result.items).toEqual([
      { sku: "A", location: "EAST", outcome: "success", quantity: 5 },
      { sku: "A", location: "WEST", outcome: "success", quantity: 0 },
      { sku: "MISSING", location: "EAST", outcome: "error", error: expect.objectContaining({ kind: "not_found", code: "SKU_NOT_FOUND" }) },
      { sku: "LOCKED", location: "EAST", outcome: "error", error: expect.objectContaining({ kind: "rejected", code: "LISTING_LOCKED" }) },
      { sku: "B", location: "NORTH", outcome: "error", error: expect.objectContaining({ kind: "not_found", code: "LOCATION_NOT_FOUND" }) },
    ])
    expect(calls()).toEqual(["POST /api/stock/batch 200"])
    expect(sandbox.requests[0].body).toEqual({
      updates: [
        { sku: "A", location: "EAST", quantity: 5 },
        { sku: "A", location: "WEST", quantity: 0 },
        { sku: "MISSING", location: "EAST", quantity: 1 },
        { sku: "LOCKED", location: "EAST", quantity: 2 },
        { sku: "B", location: "NORTH", quantity: 2 },
      ],
    })
    const stock = await provider.readQuantities(ctx, { cursor: null })
    expect(stock.items.map(({ sku, location, quantity }) => ({ sku, location, quantity }))).toEqual([
      { sku: "A", location: "EAST", quantity: 5 },
      { sku: "A", location: "WEST", quantity: 0 },
    ])
  })

  it("refuses more than the documented batch size without calling the channel", async () => {
    const updates = Array.from({ length: 51 }, (_, i) => ({ listing_id: `l${i}`, sku: "A", location: "EAST", quantity: i }))
    await expectChannelError(provider.pushQuantities(ctx, updates), { kind: "rejected", code: "BATCH_TOO_LARGE" })
    expect(calls()).toEqual([])
  })

  it("turns a 429 into rate_limited carrying Retry-After in milliseconds", async () => {
    sandbox.setFaults({ queue: [{ type: "rate_limit", retry_after_s: 7 }] })
    await expectChannelError(provider.pushQuantities(ctx, [{ listing_id: "l1", sku: "A", location: "EAST", quantity: 1 }]), {
      kind: "rate_limited",
      retry_after_ms: 7_000,
    })
    expect(calls()).toEqual(["POST /api/stock/batch 429"])
  })

  it("treats 5xx, malformed bodies and timeouts as transient", async () => {
    const update = [{ listing_id: "l1", sku: "A", location: "EAST", quantity: 1 }]
    sandbox.setFaults({ queue: [{ type: "status", status: 503 }, { type: "malformed" }, { type: "timeout" }] })
    await expectChannelError(provider.pushQuantities(ctx, update), { kind: "transient", code: "SERVICE_UNAVAILABLE" })
    await expectChannelError(provider.pushQuantities(ctx, update), { kind: "transient", code: "MALFORMED_RESPONSE" })
    await expectChannelError(provider.pushQuantities(ctx, update), { kind: "transient", code: "TIMEOUT", message: expect.stringContaining("timed out after 300 ms") })
    expect(calls()).toEqual(["POST /api/stock/batch 503", "POST /api/stock/batch 200", "POST /api/stock/batch 0"])
    // Nothing was applied by the failed calls.
    expect(sandbox.store.accounts.get(KEY)!.listings.get("A")!.stock.size).toBe(0)
  })

  it("reads quantities page by page with the channel's cursor", async () => {
    const account = sandbox.store.accounts.get(KEY)!
    for (let i = 0; i < 520; i++) {
      sandbox.store.setQuantity(sandbox.store.upsertListing(account, { sku: `P-${String(i).padStart(3, "0")}` }), "EAST", i)
    }
    const first = await provider.readQuantities(ctx, { cursor: null })
    expect(first.items).toHaveLength(500)
    expect(first.next_cursor).toBe("500")
    const second = await provider.readQuantities(ctx, { cursor: first.next_cursor })
    expect(second.items.map((item) => item.quantity)).toEqual(Array.from({ length: 20 }, (_, i) => 500 + i))
    expect(second.next_cursor).toBeNull()
    const one = await provider.readQuantities(ctx, { cursor: null, skus: ["P-007"] })
    expect(one.items).toEqual([{ sku: "P-007", location: "EAST", quantity: 7, updated_at: expect.any(String) }])
    expect(calls()).toEqual([
      "GET /api/stock?limit=500 200",
      "GET /api/stock?limit=500&cursor=500 200",
      "GET /api/stock?limit=500&sku=P-007 200",
    ])
  })

  it("lists the catalogue with normalised statuses and the order feed in the provider's shapes", async () => {
    const account = sandbox.store.accounts.get(KEY)!
    sandbox.store.upsertListing(account, { sku: "C", product_id: "PROD-C", title: "Cap", gtin: "4006381333931" })
    sandbox.store.upsertListing(account, { sku: "D", status: "banned" })
    const catalogue = await provider.listCatalogue(ctx, { cursor: null })
    expect(catalogue.items).toContainEqual({ sku: "C", channel_product_id: "PROD-C", title: "Cap", gtin: "4006381333931", status: "active" })
    expect(catalogue.items.find((i) => i.sku === "LOCKED")?.status).toBe("promo_locked")
    expect(catalogue.items.find((i) => i.sku === "D")?.status).toBe("banned")
    const before = new Date(Date.now() - 1_000).toISOString()
    sandbox.store.setQuantity(account.listings.get("A")!, "WEST", 4)
    const order = sandbox.store.placeOrder(account, [{ sku: "A", quantity: 3, location: "WEST", unit_price: 12.5 }], { buyer_email: null })
    const orders = await provider.fetchOrders(ctx, { since: before, cursor: null })
    expect(orders.items).toEqual([{
      external_id: order.id, created_at: order.created_at, updated_at: order.created_at, status: "open", currency_code: "eur", email: null,
      lines: [{ sku: "A", quantity: 3, location: "WEST", title: null, unit_price: 12.5 }],
    }])
    expect(account.listings.get("A")!.stock.get("WEST")!.quantity).toBe(1)
    // A cancellation is the same order, changed later, with its units back on sale.
    sandbox.store.setOrderStatus(account, order.id, "cancelled")
    const changed = await provider.fetchOrders(ctx, { since: orders.items[0].updated_at, cursor: null })
    expect(changed.items.map((o) => [o.external_id, o.status])).toEqual([[order.id, "cancelled"]])
    expect(changed.items[0].updated_at > order.created_at).toBe(true)
    expect(account.listings.get("A")!.stock.get("WEST")!.quantity).toBe(4)
  })

  it("verifies webhook signatures on the raw body and parses order events", () => {
    const secret = "whsec-test-0123456789"
    const signed = { ...ctx, credentials: { ...ctx.credentials, webhook_secret: secret } }
    const raw = Buffer.from(JSON.stringify({
      id: "EVT-1", type: "order.created", created_at: "2026-01-01T00:00:00.000Z",
      data: { id: "O-1", created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", status: "open", currency: "eur", buyer_email: null, lines: [{ sku: "A", quantity: 2, location: "EAST" }] },
    }))
    const signature = signWebhook(secret, raw)
    expect(provider.verifyWebhook(signed, { headers: { "x-sandbox-signature": signature }, raw_body: raw })).toBe(true)
    // Tampered body, wrong secret, missing header, no secret configured: all refused without a throw.
    const tampered = Buffer.from(raw.toString().replace('"quantity":2', '"quantity":20'))
    expect(provider.verifyWebhook(signed, { headers: { "x-sandbox-signature": signature }, raw_body: tampered })).toBe(false)
    expect(provider.verifyWebhook(signed, { headers: { "x-sandbox-signature": signWebhook("another-secret-000000", raw) }, raw_body: raw })).toBe(false)
    expect(provider.verifyWebhook(signed, { headers: {}, raw_body: raw })).toBe(false)
    expect(provider.verifyWebhook(ctx, { headers: { "x-sandbox-signature": signature }, raw_body: raw })).toBe(false)
    const [event] = provider.parseWebhook(signed, { headers: {}, raw_body: raw })
    expect(event).toMatchObject({ id: "EVT-1", type: "order", order: { external_id: "O-1", status: "open", lines: [{ sku: "A", quantity: 2, location: "EAST" }] } })
    expect(() => provider.parseWebhook(signed, { headers: {}, raw_body: Buffer.from("{nope") })).toThrow("not valid JSON")
    const noLines = Buffer.from(JSON.stringify({ id: "EVT-2", type: "order.created", data: { id: "O-2", status: "open", lines: [] } }))
    expect(() => provider.parseWebhook(signed, { headers: {}, raw_body: noLines })).toThrow("no valid lines")
  })
})
