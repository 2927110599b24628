import { ChannelError, type ChannelContext, type PushItemResult, type QuantityUpdate, type SubmissionItemResult, type SubmittedItem } from "../../../lib/provider"
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
const calls = (operation: string) => sp().requests.filter((r) => r.operation === operation)
const skus = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, "0")}`)
const update = (sku: string, quantity: number, channel_product_id: string | null = "SHIRT"): QuantityUpdate => ({
  listing_id: `l-${sku}`, sku, location: null, quantity, channel_product_id, reference: `rec-${sku}`,
})
const submitted = (updates: QuantityUpdate[]): SubmittedItem[] => updates.map((u) => ({ sku: u.sku, location: null, quantity: u.quantity, reference: u.reference ?? null }))

/** Polls `check` every 10 ms until it returns something, never waiting a fixed time. */
async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
const after = (ms: number) => {
  const at = Date.now() + ms
  return until(() => (Date.now() >= at ? true : undefined), `${ms} ms to pass`, ms + 5_000)
}

type Final = PushItemResult | SubmissionItemResult

/**
 * A push settled the way the pipeline settles it: a call that fails retryably is sent again after
 * the wait it names, items failed retryably are pushed again (with the productType a lookup
 * found), and each submission is read with its waiting items until it is done.
 */
async function drive(p: AmazonProvider, c: ChannelContext, updates: QuantityUpdate[]) {
  const results = new Map<string, Final>()
  const throws: ChannelError[] = []
  const kept = new Map<string, string>()
  let due = updates
  for (let round = 0; due.length && round < 30; round++) {
    let items: PushItemResult[]
    try {
      ;({ items } = await p.pushQuantities(c, due.map((u) => ({ ...u, channel_product_id: u.channel_product_id ?? kept.get(u.sku) ?? null }))))
    } catch (error) {
      if (!(error instanceof ChannelError) || !error.retryable) throw error
      throws.push(error)
      await after(error.retryAfterMs ?? 0)
      continue
    }
    items.forEach((item) => item.channel_product_id && kept.set(item.sku, item.channel_product_id))
    const ids = new Set(items.flatMap((item) => (item.outcome === "submitted" ? [item.submission_id] : [])))
    for (const id of ids) {
      const waiting = submitted(due.filter((u) => items.some((i) => i.sku === u.sku && i.outcome === "submitted" && i.submission_id === id)))
      const status = await until(async () => {
        try {
          const answer = await p.checkSubmission(c, id, waiting)
          return answer.status === "done" ? answer : undefined
        } catch (error) {
          if (error instanceof ChannelError && error.retryable) return undefined
          throw error
        }
      }, `submission ${id}`)
      status.items.forEach((item) => results.set(item.sku, item))
    }
    items.filter((item) => item.outcome !== "submitted").forEach((item) => results.set(item.sku, item))
    // Deferred items (a feed call throttled) go again after their wait, as the pipeline sends them.
    const retry = [...results.values()].filter(
      (r) => r.outcome === "deferred" || (r.outcome === "error" && (r.error.kind === "transient" || r.error.kind === "rate_limited"))
    )
    const wait = Math.max(0, ...retry.map((r) => (r.outcome === "error" ? r.error.retry_after_ms ?? 0 : r.outcome === "deferred" ? r.retry_after_ms : 0)))
    due = updates.filter((u) => retry.some((r) => r.sku === u.sku))
    if (due.length) await after(wait)
  }
  return { results, throws }
}

describe("Amazon JSON_LISTINGS_FEED against the SP-API stand-in", () => {
  it("declares feed_threshold (default 50, 1 to 25,000) and prices a feed at the push window, a patch per marketplace", () => {
    expect(provider.settingFields()).toEqual([expect.objectContaining({ name: "feed_threshold", type: "number", default: 50, min: 1, max: 25_000 })])
    expect(provider.resolveSettings(null)).toEqual({ feed_threshold: 50 })
    expect(() => provider.validateSettings({ feed_threshold: 0 })).toThrow("settings.feed_threshold must be between 1 and 25000")
    const many = (n: number) => skus(n, "C").map((sku) => update(sku, 1))
    expect(provider.pushCost(many(49), ctx)).toBe(49)
    expect(provider.pushCost(many(50), ctx)).toBe(provider.capabilities.rate_budgets!.push!.points)
    expect(provider.pushCost(many(49), harness.ctx([US, CA]))).toBe(98)
    expect(provider.pushCost(many(60), harness.ctx([US], { feed_threshold: 100 }))).toBe(60)
    // An update Amazon cannot take (a location) makes no call and does not count toward the threshold.
    expect(provider.pushCost([...many(49), { ...update("LOC", 1), location: "WH1" }], ctx)).toBe(49)
    expect(provider.capabilities).toMatchObject({ batch_size: 10_000, round_size: 10_000 })
  })

  it("sends 50 due SKUs as one feed for every marketplace, looking productTypes up 20 SKUs a call, and settles them", async () => {
    const both = harness.ctx([US, CA])
    const all = skus(50, "FD")
    harness.seed(all, 1)
    // 25 kept productTypes, 25 to look up.
    const updates = all.map((sku, i) => update(sku, 10 + i, i % 2 ? "SHIRT" : null))
    const { items } = await provider.pushQuantities(both, updates)
    expect(new Set(items.map((i) => i.outcome))).toEqual(new Set(["submitted"]))
    const ids = new Set(items.map((i) => (i as { submission_id: string }).submission_id))
    expect(ids.size).toBe(1)
    expect(items.filter((i) => i.channel_product_id === "SHIRT").map((i) => i.sku).sort()).toEqual(all.filter((_, i) => i % 2 === 0))
    const searches = calls("searchListingsItems")
    expect(searches.map((r) => r.query.identifiers.split(",").length).sort((a, b) => a - b)).toEqual([5, 20])
    expect(searches.every((r) => r.query.includedData === "summaries,fulfillmentAvailability" && r.query.identifiersType === "SKU")).toBe(true)
    expect(calls("getListingsItem")).toHaveLength(0)
    expect(calls("patchListingsItem")).toHaveLength(0)
    expect(calls("createFeedDocument").map((r) => r.body)).toEqual([{ contentType: "application/json; charset=UTF-8" }])
    expect(calls("uploadFeedDocument").map((r) => r.status)).toEqual([200])
    const [created] = harness.feeds()
    expect(created.body).toEqual({ feedType: "JSON_LISTINGS_FEED", marketplaceIds: [US, CA], inputFeedDocumentId: expect.any(String) })
    const [feed] = [...store().feeds.values()]
    const doc = store().uploaded(feed.feedId)!
    expect(doc.header).toEqual({ sellerId: SELLER, version: "2.0", issueLocale: "en_US" })
    expect(doc.messages!.map((m) => m.sku)).toEqual([...all].sort())
    expect(doc.messages![0]).toEqual({
      messageId: 1, sku: all[0], operationType: "PATCH", productType: "SHIRT",
      patches: [{ op: "merge", path: "/attributes/fulfillment_availability", value: [{ fulfillment_channel_code: "DEFAULT", quantity: 10 }] }],
    })
    expect(doc.messages!.map((m) => m.messageId)).toEqual(all.map((_, i) => i + 1))
    expect(store().quantity(SELLER, all[0], US)).toBe(1)

    const id = [...ids][0]
    const status = await until(async () => {
      const answer = await provider.checkSubmission(both, id, submitted(updates))
      return answer.status === "done" ? answer : undefined
    }, "the feed")
    expect(status.items).toHaveLength(50)
    for (const [i, sku] of all.entries()) {
      expect(status.items.find((r) => r.sku === sku)).toEqual({ sku, location: null, outcome: "success", quantity: 10 + i })
      expect([store().quantity(SELLER, sku, US), store().quantity(SELLER, sku, CA)]).toEqual([10 + i, 10 + i])
    }
  })

  it("reads a feed's status at most once per poll interval however often it is asked, and its report once", async () => {
    const polled = harness.provider({ feed_poll_ms: 50 })
    store().feed_queue_ms = 100
    store().feed_processing_ms = 400
    const all = skus(50, "PL")
    harness.seed(all, 0)
    const updates = all.map((sku) => update(sku, 3))
    const { items } = await polled.pushQuantities(ctx, updates)
    const id = (items[0] as { submission_id: string }).submission_id
    let checks = 0
    const statuses: string[] = []
    const done = await until(async () => {
      checks++
      const answer = await polled.checkSubmission(ctx, id, submitted(updates))
      return answer.status === "done" ? answer : undefined
    }, "the feed")
    expect(done.items.every((r) => r.outcome === "success")).toBe(true)
    const reads = calls("getFeed")
    reads.forEach((r) => statuses.push(r.status === 200 ? "read" : String(r.status)))
    // 500 ms of processing read at 50, 100, 150, 225, 337, 506 ms: half the feed's age each time.
    expect(reads.length).toBeGreaterThanOrEqual(3)
    expect(reads.length).toBeLessThanOrEqual(8)
    expect(checks).toBeGreaterThan(reads.length * 3)
    expect(calls("getFeedDocument")).toHaveLength(1)
    expect(calls("downloadResultDocument")).toHaveLength(1)
    // Asked again (the pipeline's next page of the same feed): no call at all.
    await polled.checkSubmission(ctx, id, submitted(updates.slice(0, 10)))
    expect([calls("getFeed").length, calls("getFeedDocument").length]).toEqual([reads.length, 1])
  })

  it("settles each message of a feed with partial errors: Amazon's message and code for the refused, success for the rest", async () => {
    const all = skus(60, "PE")
    harness.seed(all, 1)
    store().message_errors.set(all[7], { code: "90220", message: "'[batteries_required]' is required but not supplied." })
    store().message_errors.set(all[42], { code: "99022", message: "The field 'prices' for the attribute 'purchasable_offer.our_price' does not have enough values." })
    const updates = [
      ...all.map((sku, i) => update(sku, 20 + i, i === 13 ? "LUGGAGE" : "SHIRT")),
      update("PE-NOWHERE", 5),
    ]
    const { results } = await drive(provider, ctx, updates)
    const refused = [...results.values()].filter((r) => r.outcome === "error")
    expect(refused.map((r) => r.sku).sort()).toEqual([all[7], all[13], all[42], "PE-NOWHERE"].sort())
    expect(results.get(all[7])).toEqual({ sku: all[7], location: null, outcome: "error", error: { kind: "rejected", code: "90220", message: `Amazon refused the quantity for ${all[7]}: '[batteries_required]' is required but not supplied.` } })
    expect(results.get(all[42])).toMatchObject({ error: { kind: "rejected", code: "99022", message: expect.stringContaining("does not have enough values") } })
    expect(results.get(all[13])).toMatchObject({ error: { kind: "rejected", code: "4000001", message: expect.stringContaining("'LUGGAGE' does not match") } })
    expect(results.get("PE-NOWHERE")).toMatchObject({ error: { kind: "rejected", code: "8541" } })
    for (const [i, sku] of all.entries()) {
      const refusedOne = [7, 13, 42].includes(i)
      expect([sku, results.get(sku)?.outcome, store().quantity(SELLER, sku, US)]).toEqual([sku, refusedOne ? "error" : "success", refusedOne ? 1 : 20 + i])
    }
    expect(harness.feeds()).toHaveLength(1)
    expect(calls("patchListingsItem")).toHaveLength(0)
  })

  it("settles the pages of one feed (as the pipeline lists them) from one report, matching issues on their SKU; uncompressed reports too", async () => {
    store().compress_results = false
    const all = skus(80, "PG")
    harness.seed(all, 1)
    store().message_errors.set(all[3], { code: "90220", message: "refused on purpose" })
    store().message_errors.set(all[61], { code: "90220", message: "refused on purpose" })
    const updates = all.map((sku) => update(sku, 9))
    const { items } = await provider.pushQuantities(ctx, updates)
    const id = (items[0] as { submission_id: string }).submission_id
    const fresh = harness.provider()
    const pages = [updates.slice(0, 30), updates.slice(30, 60), updates.slice(60)]
    const settled: SubmissionItemResult[] = []
    for (const page of pages) {
      const status = await until(async () => {
        const answer = await fresh.checkSubmission(ctx, id, submitted(page))
        return answer.status === "done" ? answer : undefined
      }, "a page")
      expect(status.items.map((r) => r.sku)).toEqual(page.map((u) => u.sku))
      settled.push(...status.items)
    }
    expect(settled.filter((r) => r.outcome === "error").map((r) => r.sku)).toEqual([all[3], all[61]])
    expect(settled.filter((r) => r.outcome === "success")).toHaveLength(78)
    expect(calls("getFeedDocument")).toHaveLength(1)
    expect(calls("searchListingsItems")).toHaveLength(0)
  })

  it("reads back the items a report cannot name (issues without SKU, only some items given), and maps by ordinal when all are given", async () => {
    store().omit_issue_skus = true
    const all = skus(50, "RB")
    harness.seed(all, 1)
    store().message_errors.set(all[4], { code: "90220", message: "refused on purpose" })
    const updates = all.map((sku) => update(sku, 6))
    const { items } = await provider.pushQuantities(ctx, updates)
    const id = (items[0] as { submission_id: string }).submission_id
    const half = updates.slice(0, 25)
    const partial = await until(async () => {
      const answer = await provider.checkSubmission(ctx, id, submitted(half))
      return answer.status === "done" ? answer : undefined
    }, "the feed")
    // Two searchListingsItems calls (20 + 5) read what Amazon shows: 6 where applied, 1 where refused.
    expect(calls("searchListingsItems").map((r) => r.query.identifiers.split(",").length).sort((a, b) => a - b)).toEqual([5, 20])
    expect(partial.items.filter((r) => r.outcome === "success")).toHaveLength(24)
    expect(partial.items.find((r) => r.sku === all[4])).toMatchObject({ outcome: "error", error: { kind: "transient", code: "NOT_CONFIRMED", message: expect.stringContaining(`${all[4]}, which shows 1 (pushed 6)`) } })
    const whole = await provider.checkSubmission(ctx, id, submitted(updates))
    expect(whole.status === "done" && whole.items.find((r) => r.sku === all[4])).toMatchObject({ outcome: "error", error: { kind: "rejected", code: "90220", message: expect.stringContaining("refused on purpose") } })
    expect(whole.status === "done" && whole.items.filter((r) => r.outcome === "success")).toHaveLength(49)
    expect(calls("searchListingsItems")).toHaveLength(2)
  })

  it("fails every message of a FATAL feed with Amazon's reason, and pushes a cancelled one again", async () => {
    const all = skus(50, "FT")
    harness.seed(all, 1)
    store().fatal_next = ["The feed could not be parsed: unexpected end of input at line 1, column 2."]
    const updates = all.map((sku) => update(sku, 8))
    const { results } = await drive(provider, ctx, updates)
    expect(results.size).toBe(50)
    for (const sku of all) {
      expect(results.get(sku)).toEqual({
        sku, location: null, outcome: "error",
        error: { kind: "rejected", code: "FEED_FATAL", message: expect.stringContaining("(FATAL): The feed could not be parsed: unexpected end of input at line 1, column 2. (4000003)") },
      })
      expect(store().quantity(SELLER, sku, US)).toBe(1)
    }
    expect(calls("getFeedDocument")).toHaveLength(1)

    store().feed_queue_ms = 60_000
    const { items } = await provider.pushQuantities(ctx, updates)
    const id = (items[0] as { submission_id: string }).submission_id
    const [, second] = [...store().feeds.keys()]
    expect(store().cancelFeed(second)).toBe(true)
    const cancelled = await until(async () => {
      const answer = await provider.checkSubmission(ctx, id, submitted(updates))
      return answer.status === "done" ? answer : undefined
    }, "the cancelled feed")
    expect(new Set(cancelled.items.map((r) => r.outcome === "error" && `${r.error.kind} ${r.error.code}`))).toEqual(new Set(["transient FEED_CANCELLED"]))
  })

  it("with 5 feeds in 5 minutes spent, patches a push that patches sooner, refuses a bigger one before calling Amazon, and waits a minute after Amazon's own 429", async () => {
    const small = harness.ctx([US], { feed_threshold: 10 })
    const big = skus(2_000, "QB")
    harness.seed([...skus(10, "QT"), ...skus(12, "QP"), ...big], 1)
    const started = Date.now()
    for (let i = 0; i < 5; i++) await provider.pushQuantities(small, skus(10, "QT").map((sku) => update(sku, 2 + i)))
    expect(harness.feeds()).toHaveLength(5)
    // 2,000 patches would take 444 s, longer than the wait for a slot: refused, nothing sent.
    const bigUpdates = big.map((sku) => update(sku, 2))
    expect(provider.pushCost(bigUpdates, small)).toBe(provider.capabilities.rate_budgets!.push!.points)
    // Deferred, not failed: waiting for a slot uses up no try.
    const sixth = (await provider.pushQuantities(small, bigUpdates)).items
    expect(sixth).toHaveLength(2_000)
    expect(new Set(sixth.map((i) => `${i.outcome}:${(i as { code?: string }).code}`))).toEqual(new Set(["deferred:FEED_QUOTA"]))
    const sixthWait = (sixth[0] as { retry_after_ms: number }).retry_after_ms
    expect(sixthWait).toBeGreaterThan(300_000 - (Date.now() - started) - 1_000)
    expect(sixthWait).toBeLessThanOrEqual(300_000)
    expect(calls("createFeedDocument")).toHaveLength(5)
    // 12 patches take under 3 s: they go now, one per SKU.
    const twelve = skus(12, "QP").map((sku) => update(sku, 4))
    expect(provider.pushCost(twelve, small)).toBe(12)
    const { items } = await provider.pushQuantities(small, twelve)
    expect(items.map((i) => i.outcome)).toEqual(Array(12).fill("submitted"))
    expect(harness.patches()).toHaveLength(12)
    expect(new Set(items.map((i) => (i as { submission_id: string }).submission_id)).size).toBe(12)
    // Another instance, whose window is empty: Amazon's own cap answers 429 without Retry-After.
    const other = harness.provider()
    const refused = (await other.pushQuantities(small, bigUpdates)).items
    expect(new Set(refused.map((i) => i.outcome))).toEqual(new Set(["deferred"]))
    const refusedWait = (refused[0] as { retry_after_ms: number }).retry_after_ms
    expect(refusedWait).toBeGreaterThanOrEqual(60_000)
    expect(refusedWait).toBeLessThanOrEqual(75_000)
    expect(calls("createFeed").filter((r) => r.status === 429)).toHaveLength(1)
    expect(store().feeds.size).toBe(5)
  })

  it("recovers from a storm of 429s without Retry-After across lookups, feed calls, polls and patches, losing nothing", async () => {
    const stormy = harness.provider({}, { backoff_base_ms: 5 })
    const all = skus(60, "ST")
    harness.seed(all, 1)
    const storm = (n: number) => Array.from({ length: n }, () => ({ status: 429 }))
    const wave = async (base: number, faults: Record<string, number>) => {
      sp().requests.splice(0)
      sp().setFaults({ by_operation: Object.fromEntries(Object.entries(faults).map(([op, n]) => [op, storm(n)])) })
      const updates = all.map((sku, i) => update(sku, base + i, i < 30 && base === 30 ? null : "SHIRT"))
      const { results, throws } = await drive(stormy, ctx, updates)
      const faulted = sp().requests.filter((r) => r.fault)
      const counts = Object.fromEntries(Object.keys(faults).map((op) => [op, faulted.filter((r) => r.operation === op).length]))
      expect(counts).toEqual(faults)
      expect(new Set(faulted.map((r) => r.status))).toEqual(new Set([429]))
      expect(throws.every((e) => e.kind === "rate_limited" && e.retryAfterMs! > 0)).toBe(true)
      for (const [i, sku] of all.entries()) {
        expect([sku, results.get(sku)]).toEqual([sku, { sku, location: null, outcome: "success", quantity: base + i }])
        expect(store().quantity(SELLER, sku, US)).toBe(base + i)
      }
    }
    // A lookup call throttled while the feed goes: its 20 SKUs are pushed again alone, by patch.
    await wave(30, { searchListingsItems: 1, getFeed: 3, getFeedDocument: 1, patchListingsItem: 3 })
    expect(harness.feeds()).toHaveLength(1)
    // Every productType kept: the feed's own calls throttled, the whole push sent again.
    await wave(100, { createFeedDocument: 2, createFeed: 1, getFeed: 2 })
    expect(harness.feeds()).toHaveLength(1)
  })

  it("refreshes an access token that expires mid-run once, for concurrent feed, poll and patch calls", async () => {
    const first = skus(50, "TK")
    const second = skus(50, "TL")
    const single = skus(5, "TP")
    harness.seed([...first, ...second, ...single], 1)
    const firstUpdates = first.map((sku) => update(sku, 4))
    const { items } = await provider.pushQuantities(ctx, firstUpdates)
    const id = (items[0] as { submission_id: string }).submission_id
    expect(store().exchanges).toBe(1)
    store().expireTokens()
    const [feedCheck, again, ...patches] = await Promise.all([
      until(async () => {
        const answer = await provider.checkSubmission(ctx, id, submitted(firstUpdates))
        return answer.status === "done" ? answer : undefined
      }, "the first feed"),
      drive(provider, ctx, second.map((sku) => update(sku, 5))),
      ...single.map((sku) => provider.pushQuantities(ctx, [update(sku, 6)])),
    ])
    expect(store().exchanges).toBe(2)
    expect(sp().requests.filter((r) => r.status === 403).length).toBeGreaterThanOrEqual(2)
    expect(feedCheck.items.every((r) => r.outcome === "success")).toBe(true)
    expect([...again.results.values()].every((r) => r.outcome === "success")).toBe(true)
    patches.forEach((p) => expect(p.items[0]).toMatchObject({ outcome: "submitted" }))
    expect(sp().requests.filter((r) => r.path === "/auth/o2/token")).toHaveLength(2)
  })

  it("skips FBA listings in a feed without sending them, and reports an FBA listing with a kept productType as Amazon's refusal", async () => {
    const all = skus(50, "FB")
    harness.seed(all, 1)
    store().addListing(SELLER, { sku: "FBA-LOOKED-UP", productType: "SHIRT", channel: "AMAZON_NA" })
    store().addListing(SELLER, { sku: "FBA-KEPT", productType: "SHIRT", channel: "AMAZON_NA" })
    const updates = [...all.map((sku) => update(sku, 3)), update("FBA-LOOKED-UP", 3, null), update("FBA-KEPT", 3)]
    const { items } = await provider.pushQuantities(ctx, updates)
    expect(items.find((i) => i.sku === "FBA-LOOKED-UP")).toEqual({ sku: "FBA-LOOKED-UP", location: null, outcome: "skipped", code: "FULFILLED_BY_AMAZON", message: "fulfilled by Amazon, not pushed" })
    const [feed] = [...store().feeds.values()]
    const sent = store().uploaded(feed.feedId)!.messages!.map((m) => m.sku)
    expect(sent).toHaveLength(51)
    expect(sent).not.toContain("FBA-LOOKED-UP")
    const { results } = await drive(provider, ctx, updates.filter((u) => u.sku !== "FBA-LOOKED-UP"))
    // A submission's verdict has no `skipped`: Amazon's refusal is what the row shows.
    expect(results.get("FBA-KEPT")).toMatchObject({ outcome: "error", error: { kind: "rejected", code: "8105", message: expect.stringContaining("fulfilled by Amazon cannot be set") } })
  })
})
