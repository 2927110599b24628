import { ChannelError, type ChannelContext, type PushItemResult } from "../../../lib/provider"
import { AmazonProvider } from "../service"
import { amazonHarness, CA, SELLER, US } from "./harness"

const harness = amazonHarness()
let provider: AmazonProvider
let ctx: ChannelContext

beforeAll(() => harness.start())
afterAll(() => harness.stop())
beforeEach(async () => {
  ;({ provider, ctx } = (await harness.reset()) as { provider: AmazonProvider; ctx: ChannelContext })
})
afterEach(() => expect(harness.unexpected()).toEqual([]))

const sp = () => harness.standIn()
const store = () => sp().store
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ops = () => sp().requests.filter((r) => r.operation).map((r) => r.operation)
const update = (sku: string, quantity: number, channel_product_id: string | null = null) => ({ listing_id: `l-${sku}`, sku, location: null, quantity, channel_product_id })
async function thrown(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ChannelError)
  return error as ChannelError
}
/** Reads a submission until it is done, as the pipeline does (about every 20 ms here). */
async function settle(id: string, items: { sku: string; location: null; quantity: number; reference: string | null }[]) {
  for (let i = 0; i < 250; i++) {
    const status = await provider.checkSubmission(ctx, id, items)
    if (status.status === "done") return status
    await sleep(20)
  }
  throw new Error("still pending")
}

describe("Amazon provider against the SP-API stand-in", () => {
  it("refuses bad options and marketplace ids at boot and in the form, naming them", () => {
    expect(() => AmazonProvider.validateOptions({ region: "us" })).toThrow("option region must be one of na, eu, fe")
    expect(() => AmazonProvider.validateOptions({ api_base_url: "ftp://x" })).toThrow("option api_base_url")
    expect(() => AmazonProvider.validateOptions({ auth_base_url: "nope" })).toThrow("option auth_base_url")
    expect(() => AmazonProvider.validateOptions({ timeout_ms: -1 })).toThrow("option timeout_ms")
    expect(() => AmazonProvider.validateOptions({ region: "eu", api_base_url: "http://127.0.0.1:1", auth_base_url: "http://127.0.0.1:2", timeout_ms: 5 })).not.toThrow()
    expect(provider.validateCredentials({ ...ctx.credentials, marketplace_ids: ` ${US} , ${CA} ` }).marketplace_ids).toBe(`${US},${CA}`)
    expect(() => provider.validateCredentials({ ...ctx.credentials, marketplace_ids: "amazon.com" })).toThrow("credentials.marketplace_ids")
  })

  it("names the store from its marketplace participations", async () => {
    await expect(provider.testConnection(ctx)).resolves.toEqual({ ok: true, account: "Kit Store" })
    const wrongToken = await provider.testConnection({ ...ctx, credentials: { ...ctx.credentials, refresh_token: "Atzr|revoked" } })
    expect(wrongToken).toMatchObject({ ok: false, error: { kind: "auth", code: "invalid_grant" } })
  })

  it("shares one token exchange across 10 concurrent pushes and keeps it cached", async () => {
    const skus = Array.from({ length: 10 }, (_, i) => `TOK-${i}`)
    harness.seed(skus, 1)
    // About the token, not the pace: 10 patches at once must not meet the stand-in's 5/s bucket
    // (under load the client's paced calls can reach it in one burst).
    store().plans.patchListingsItem = { rate: 100, burst: 100 }
    const results = await Promise.all(skus.map((sku) => provider.pushQuantities(ctx, [update(sku, 5, "SHIRT")])))
    results.forEach((r) => expect(r.items[0]).toMatchObject({ outcome: "submitted" }))
    expect(store().exchanges).toBe(1)
    await provider.pushQuantities(ctx, [update("TOK-0", 6, "SHIRT")])
    expect(store().exchanges).toBe(1)
    const sent = sp().requests.filter((r) => r.method === "PATCH")
    expect(sent).toHaveLength(11)
  })

  it("refreshes once and retries once when the cached token expires mid-run", async () => {
    harness.seed(["EXP-1", "EXP-2", "EXP-3", "EXP-4", "EXP-5"], 1)
    await provider.pushQuantities(ctx, [update("EXP-1", 2, "SHIRT")])
    store().expireTokens()
    const results = await Promise.all(["EXP-1", "EXP-2", "EXP-3", "EXP-4", "EXP-5"].map((sku) => provider.pushQuantities(ctx, [update(sku, 3, "SHIRT")])))
    results.forEach((r) => expect(r.items[0]).toMatchObject({ outcome: "submitted" }))
    expect(store().exchanges).toBe(2)
    expect(sp().requests.filter((r) => r.status === 403)).toHaveLength(5)
    // A token LWA just issued that SP-API refuses is not retried (no loop of exchanges).
    store().token_lifetime_ms = -1
    store().expireTokens()
    const error = await thrown(provider.pushQuantities(ctx, [update("EXP-1", 4, "SHIRT")]))
    expect(error).toMatchObject({ kind: "auth", message: expect.stringContaining("The security token included in the request is expired") })
    expect(store().exchanges).toBe(3)
  })

  it("answers ACCEPTED as submitted, pending until Amazon applies it, then success", async () => {
    store().apply_delay_ms = 400
    harness.seed(["ACC-1"], 1)
    const pushedAt = Date.now()
    const { items } = await provider.pushQuantities(ctx, [update("ACC-1", 9, "SHIRT")])
    expect(items).toEqual([{ sku: "ACC-1", location: null, outcome: "submitted", submission_id: expect.any(String) }])
    const id = (items[0] as { submission_id: string }).submission_id
    expect(JSON.parse(Buffer.from(id, "base64url").toString())).toMatchObject({ sku: "ACC-1", m: [US], q: 9 })
    expect(sp().requests.find((r) => r.method === "PATCH")).toMatchObject({
      path: `/listings/2021-08-01/items/${SELLER}/ACC-1`,
      query: { marketplaceIds: US, issueLocale: "en_US" },
      body: { productType: "SHIRT", patches: [{ op: "merge", path: "/attributes/fulfillment_availability", value: [{ fulfillment_channel_code: "DEFAULT", quantity: 9 }] }] },
    })
    const waiting = [{ sku: "ACC-1", location: null, quantity: 9, reference: "rec_1" }]
    await expect(provider.checkSubmission(ctx, id, waiting)).resolves.toEqual({ status: "pending" })
    expect(harness.quantity("ACC-1", null)).toBe(1)
    // Read until Amazon shows it: success comes only then, and not before the apply delay.
    const status = await settle(id, waiting)
    expect(status).toEqual({ status: "done", items: [{ sku: "ACC-1", location: null, outcome: "success", quantity: 9 }] })
    expect(Date.now() - pushedAt).toBeGreaterThanOrEqual(400)
    expect(harness.quantity("ACC-1", null)).toBe(9)
    const reads = sp().requests.filter((r) => r.operation === "getListingsItem")
    expect(reads.length).toBeGreaterThanOrEqual(2)
    expect(new Set(reads.map((r) => r.query.includedData))).toEqual(new Set(["fulfillmentAvailability"]))
  })

  it("gives up on a submission Amazon has not applied after 15 minutes, as transient", async () => {
    harness.seed(["OLD-1"], 1)
    const id = Buffer.from(JSON.stringify({ sku: "OLD-1", m: [US], q: 7, t: Date.now() - 16 * 60_000 })).toString("base64url")
    const status = await provider.checkSubmission(ctx, id, [{ sku: "OLD-1", location: null, quantity: 7, reference: null }])
    expect(status).toEqual({ status: "done", items: [{ sku: "OLD-1", location: null, outcome: "error", error: expect.objectContaining({ kind: "transient", message: expect.stringContaining("Amazon has not applied the quantity after 15 minutes") }) }] })
    await expect(provider.checkSubmission(ctx, "garbage", [])).rejects.toMatchObject({ kind: "not_found" })
  })

  it("patches every marketplace and confirms only when all of them show the quantity", async () => {
    const both = harness.ctx([US, CA])
    store().apply_delay_ms = 0
    harness.seed(["MM-1"], 1)
    expect(provider.pushCost([update("MM-1", 1)], ctx)).toBe(1)
    expect(provider.pushCost([update("MM-1", 1), update("MM-2", 1)], both)).toBe(4)
    const { items } = await provider.pushQuantities(both, [update("MM-1", 4, "SHIRT")])
    expect(harness.patches().map((r) => r.query.marketplaceIds)).toEqual([US, CA])
    const status = await provider.checkSubmission(both, (items[0] as { submission_id: string }).submission_id, [{ sku: "MM-1", location: null, quantity: 4, reference: null }])
    expect(status).toMatchObject({ status: "done", items: [{ outcome: "success", quantity: 4 }] })
    expect(store().quantity(SELLER, "MM-1", CA)).toBe(4)
  })

  it("maps INVALID with ERROR issues to rejected with Amazon's message and code, and does not keep the bad productType", async () => {
    harness.seed(["INV-1"], 1)
    const { items } = await provider.pushQuantities(ctx, [update("INV-1", 3, "LUGGAGE")])
    expect(items).toEqual([{ sku: "INV-1", location: null, outcome: "error", error: { kind: "rejected", code: "4000001", message: expect.stringContaining("The provided product type 'LUGGAGE' does not match") } }])
    expect(harness.quantity("INV-1", null)).toBe(1)
  })

  it("skips an FBA listing as FULFILLED_BY_AMAZON and never patches it", async () => {
    store().addListing(SELLER, { sku: "FBA-1", quantity: 30, productType: "SHIRT", channel: "AMAZON_NA" })
    harness.seed(["MFN-1"], 1)
    const { items } = await provider.pushQuantities(ctx, [update("FBA-1", 3), update("MFN-1", 3)])
    expect(items[0]).toEqual({ sku: "FBA-1", location: null, outcome: "skipped", code: "FULFILLED_BY_AMAZON", message: "fulfilled by Amazon, not pushed" })
    expect(items[1]).toMatchObject({ sku: "MFN-1", outcome: "submitted", channel_product_id: "SHIRT" })
    expect(harness.patches().map((r) => r.path)).toEqual([`/listings/2021-08-01/items/${SELLER}/MFN-1`])
    // Reconciliation has no merchant quantity to compare for it, and the catalogue keeps no productType that would skip the check.
    const read = await provider.readQuantities(ctx, { cursor: null })
    expect(read.items.map((q) => q.sku)).toEqual(["MFN-1"])
    const catalogue = await provider.listCatalogue(ctx, { cursor: null })
    expect(catalogue.items.map((e) => [e.sku, e.channel_product_id])).toEqual([["FBA-1", null], ["MFN-1", "SHIRT"]])
  })

  it("turns a 429 without Retry-After into rate_limited with a growing, jittered wait, for the call or for the patch it stopped", async () => {
    harness.seed(["THR-1"], 1)
    const push = () => provider.pushQuantities(ctx, [update("THR-1", 2, "SHIRT")])
    sp().setFaults({ queue: [{ status: 429 }, { status: 429 }, { status: 429 }] })
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      const error = await thrown(push())
      expect(error).toMatchObject({ kind: "rate_limited", code: "QuotaExceeded" })
      waits.push(error.retryAfterMs!)
    }
    expect(waits[0]).toBeGreaterThanOrEqual(1_000)
    expect(waits[0]).toBeLessThanOrEqual(1_250)
    expect(waits[1]).toBeGreaterThanOrEqual(2_000)
    expect(waits[1]).toBeLessThanOrEqual(2_500)
    expect(waits[2]).toBeGreaterThanOrEqual(4_000)
    expect(waits[2]).toBeLessThanOrEqual(5_000)
    // A success resets the run; the stand-in's own bucket, when empty, answers the same way.
    await expect(push()).resolves.toMatchObject({ items: [{ outcome: "submitted" }] })
    store().plans.patchListingsItem = { rate: 0.01, burst: 1 }
    store().buckets.clear()
    harness.seed(["THR-2"], 1)
    // One of two patches throttled: the accepted one is answered, the other fails alone.
    const { items } = await provider.pushQuantities(ctx, [update("THR-1", 3, "SHIRT"), update("THR-2", 3, "SHIRT")])
    expect(items.map((i) => i.outcome).sort()).toEqual(["error", "submitted"])
    const throttled = items.find((i) => i.outcome === "error") as Extract<PushItemResult, { outcome: "error" }>
    expect(throttled.error).toMatchObject({ kind: "rate_limited", code: "QuotaExceeded" })
    expect(throttled.error.retry_after_ms).toBeGreaterThanOrEqual(1_000)
    expect(throttled.error.retry_after_ms).toBeLessThanOrEqual(1_250)
    expect(harness.patches()).toHaveLength(2)
  })

  it("reads the productType once, hands it back as channel_product_id and reuses it", async () => {
    harness.seed(["PT-1"], 1)
    const first = await provider.pushQuantities(ctx, [update("PT-1", 2)])
    const item = first.items[0] as Extract<PushItemResult, { outcome: "submitted" }>
    expect(item.channel_product_id).toBe("SHIRT")
    expect(ops()).toEqual(["getListingsItem", "patchListingsItem"])
    sp().requests.splice(0)
    const second = await provider.pushQuantities(ctx, [update("PT-1", 3, item.channel_product_id)])
    expect(second.items[0]).not.toHaveProperty("channel_product_id")
    expect(ops()).toEqual(["patchListingsItem"])
  })

  it("imports orders with their lines and statuses, oldest change first, across NextToken pages", async () => {
    harness.seed(["ORD-1"], 5)
    store().orders_page_size = 1
    const a = store().addOrder(SELLER, US, [{ sku: "ORD-1", quantity: 2 }])
    await sleep(5)
    const b = store().addOrder(SELLER, US, [{ sku: "ORD-1", quantity: 1 }], "Shipped")
    await sleep(5)
    store().updateOrder(a, "Canceled")
    const seen = []
    let cursor: string | null = null
    do {
      const page = await provider.fetchOrders(ctx, { since: "2000-01-01T00:00:00Z", cursor })
      seen.push(...page.items)
      cursor = page.next_cursor
    } while (cursor)
    expect(seen.map((o) => [o.external_id, o.status])).toEqual([[b.AmazonOrderId, "shipped"], [a.AmazonOrderId, "cancelled"]])
    expect(seen[1].lines).toEqual([expect.objectContaining({ sku: "ORD-1", quantity: 2, location: null })])
  })
})
