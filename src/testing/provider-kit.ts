import {
  type AbstractMarketplaceProvider,
  type ChannelContext,
  ChannelError,
  type ChannelOrder,
  itemKey,
  type PushItemResult,
  type QuantityUpdate,
  type SubmissionItemResult,
  type WebhookRequest,
} from "../lib/provider"

/**
 * What a provider's stand-in offers the test kit. A stand-in is a local HTTP server that follows
 * the channel's documented contract; the provider under test is pointed at it through its
 * `api_base_url` (or, for the sandbox, `base_url`) option.
 */
export type ProviderKitHarness = {
  /** Starts the stand-in (once per file). */
  start(): Promise<void>
  stop(): Promise<void>
  /** A fresh account before each test: the provider pointed at the stand-in and a context for it. */
  reset(): Promise<{ provider: AbstractMarketplaceProvider; ctx: ChannelContext }>
  /** The same provider kind pointed at another origin (the kit checks the override is used). */
  providerAt(baseUrl: string): AbstractMarketplaceProvider
  /** Credentials the channel refuses (a wrong token or key). */
  refusedCredentials(ctx: ChannelContext): Record<string, string>
  /** Puts listings with these SKUs on the channel, each holding `quantity` at every location. */
  seed(skus: string[], quantity?: number): Promise<void> | void
  /** Where updates go: the channel's location ids, or `[null]` on channels with one number per SKU. */
  locations(): (string | null)[]
  /** What the channel holds now for a SKU at a location. */
  quantity(sku: string, location: string | null): number | undefined
  /** Stock writes the channel received since the last reset, and the most items one carried. */
  writes(): { calls: number; largest: number }
  /** The next call is refused with 429 and `Retry-After: <seconds>`. */
  throttleNext(seconds: number): void
  /** The next call is refused with this 5xx status. */
  failNext(status: number): void
  /** Calls off the channel's contract (unknown routes, invalid requests); the kit expects none. */
  unexpected(): string[]
  /** Items of one read-back page at most, so the kit seeds enough for several pages. */
  readPageSize: number
  /** Entries of one catalogue page at most. */
  cataloguePageSize: number
  /** Orders (when the provider imports them): place one on the channel. */
  placeOrder?(lines: { sku: string; quantity: number }[]): Promise<{ external_id: string }>
  /** Webhooks (when the provider takes them): the signed delivery the channel sends for an order. */
  orderWebhook?(order: { external_id: string }): Promise<WebhookRequest>
  /** Header names that carry the signature, removed by the "missing signature" case. */
  signatureHeaders?: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function thrown(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ChannelError)
  return error as ChannelError
}

/**
 * Settles a push the way the pipeline does: synchronous results as they are, asynchronous ones
 * by reading their submission until it is done. Returns one result per update, by item key.
 */
async function settle(provider: AbstractMarketplaceProvider, ctx: ChannelContext, updates: QuantityUpdate[]) {
  const { items } = await provider.pushQuantities(ctx, updates)
  const results = new Map<string, PushItemResult | SubmissionItemResult>(items.map((item) => [itemKey(item), item]))
  const submissions = new Set(items.flatMap((item) => (item.outcome === "submitted" ? [item.submission_id] : [])))
  const sent = new Map(updates.map((update) => [itemKey(update), update]))
  for (const id of submissions) {
    // What the pipeline hands checkSubmission: every update of this submission, as it was sent.
    const waiting = items.flatMap((item) => {
      const update = item.outcome === "submitted" && item.submission_id === id ? sent.get(itemKey(item)) : undefined
      return update ? [{ sku: update.sku, location: update.location, quantity: update.quantity, reference: update.reference ?? null }] : []
    })
    for (let tries = 0; ; tries++) {
      const status = await provider.checkSubmission(ctx, id, waiting)
      if (status.status === "done") {
        status.items.forEach((item) => results.set(itemKey(item), item))
        break
      }
      if (tries > 100) {
        throw new Error(`submission ${id} still pending after ${tries} reads`)
      }
      await sleep(100)
    }
  }
  return { items, results }
}

/**
 * The provider test kit: one jest suite that every channel adapter runs against its stand-in.
 * It checks the contract the pipeline relies on — results naming their item, the batch size,
 * the closed error set, throttling, read-back and catalogue paging, locations, orders since a
 * cursor, webhook verification, asynchronous submissions, the base URL override — so a new
 * adapter that passes it behaves like the built-in ones.
 *
 * @example
 * ```ts
 * import { providerTestKit } from "medusa-marketplace-sync/testing"
 * providerTestKit("Acme", acmeHarness)
 * ```
 */
export function providerTestKit(name: string, harness: ProviderKitHarness): void {
  describe(`provider test kit: ${name}`, () => {
    let provider: AbstractMarketplaceProvider
    let ctx: ChannelContext

    beforeAll(() => harness.start())
    afterAll(() => harness.stop())
    beforeEach(async () => {
      ;({ provider, ctx } = await harness.reset())
    })
    afterEach(() => {
      expect(harness.unexpected()).toEqual([])
    })

    const updatesFor = (skus: string[], quantity: (i: number) => number): QuantityUpdate[] =>
      skus.flatMap((sku, i) => harness.locations().map((location) => ({ listing_id: `l-${sku}`, sku, location, quantity: quantity(i) })))

    it("declares what it can do and refuses credentials that lack a required field, naming it", () => {
      const caps = provider.capabilities
      expect(caps.batch_size).toBeGreaterThan(0)
      expect(["sync", "async"]).toContain(caps.push_mode)
      const required = provider.credentialFields().filter((f) => f.required)
      expect(required.length).toBeGreaterThan(0)
      const missing = { ...ctx.credentials }
      delete missing[required[0].name]
      expect(() => provider.validateCredentials(missing)).toThrow(`credentials.${required[0].name}`)
    })

    it("tests the connection, and reports refused credentials as an auth error", async () => {
      await expect(provider.testConnection(ctx)).resolves.toMatchObject({ ok: true })
      const refused = await provider.testConnection({ ...ctx, credentials: harness.refusedCredentials(ctx) })
      expect(refused).toMatchObject({ ok: false, error: { kind: "auth" } })
    })

    it("uses the base URL override for every call", async () => {
      // Nothing listens on port 9 here: a provider that used the override fails to connect,
      // one that ignored it would reach the real channel (or the stand-in).
      const elsewhere = harness.providerAt("http://127.0.0.1:9")
      const before = harness.writes().calls
      const result = await elsewhere.testConnection(ctx)
      expect(result).toMatchObject({ ok: false, error: { kind: "transient" } })
      expect(harness.writes().calls).toBe(before)
    })

    it("pushes a full batch in as few calls as its size allows, one result per update naming its item", async () => {
      const perSku = harness.locations().length
      const skus = Array.from({ length: Math.max(1, Math.floor(provider.capabilities.batch_size / perSku)) }, (_, i) => `KIT-${i}`)
      await harness.seed(skus, 1)
      const updates = updatesFor(skus, (i) => (i % 7) + 2)
      expect(updates.length).toBeLessThanOrEqual(provider.capabilities.batch_size)
      const { items, results } = await settle(provider, ctx, updates)
      expect(items).toHaveLength(updates.length)
      for (const update of updates) {
        expect(results.get(itemKey(update))).toMatchObject({ sku: update.sku, location: update.location, outcome: "success", quantity: update.quantity })
        expect(harness.quantity(update.sku, update.location)).toBe(update.quantity)
      }
      expect(harness.writes().largest).toBeLessThanOrEqual(provider.capabilities.batch_size)
    })

    it("refuses more than its batch size before calling the channel", async () => {
      const size = provider.capabilities.batch_size
      const updates = Array.from({ length: size + 1 }, (_, i) => ({ listing_id: `l${i}`, sku: `OVER-${i}`, location: harness.locations()[0], quantity: 1 }))
      const before = harness.writes().calls
      const error = await thrown(provider.pushQuantities(ctx, updates))
      expect(error.kind).toBe("rejected")
      expect(harness.writes().calls).toBe(before)
    })

    it("fails an unknown SKU as not_found and still applies the others", async () => {
      await harness.seed(["KIT-KNOWN"], 1)
      const location = harness.locations()[0]
      const { results } = await settle(provider, ctx, [
        { listing_id: "l1", sku: "KIT-KNOWN", location, quantity: 4 },
        { listing_id: "l2", sku: "KIT-NOWHERE", location, quantity: 4 },
      ])
      expect(results.get(itemKey({ sku: "KIT-KNOWN", location }))).toMatchObject({ outcome: "success", quantity: 4 })
      const missing = results.get(itemKey({ sku: "KIT-NOWHERE", location }))
      expect(missing).toMatchObject({ outcome: "error", error: { kind: "not_found" } })
      expect((missing as { error: { message: string } }).error.message).toContain("KIT-NOWHERE")
      expect(harness.quantity("KIT-KNOWN", location)).toBe(4)
    })

    it("turns a 429 into rate_limited with the Retry-After wait, and a 5xx into transient", async () => {
      await harness.seed(["KIT-T"], 1)
      const update = [{ listing_id: "l1", sku: "KIT-T", location: harness.locations()[0], quantity: 3 }]
      harness.throttleNext(3)
      const throttled = await thrown(provider.pushQuantities(ctx, update))
      expect(throttled.kind).toBe("rate_limited")
      expect(throttled.retryAfterMs).toBe(3_000)
      expect(throttled.retryable).toBe(true)
      harness.failNext(503)
      const failed = await thrown(provider.pushQuantities(ctx, update))
      expect(failed.kind).toBe("transient")
      // The channel recovers and the same push goes through.
      const { results } = await settle(provider, ctx, update)
      expect(results.get(itemKey(update[0]))).toMatchObject({ outcome: "success", quantity: 3 })
    })

    it("reads quantities back across every page, and for chosen SKUs only", async () => {
      if (!provider.capabilities.read_back) {
        return
      }
      const skus = Array.from({ length: Math.ceil((harness.readPageSize * 2 + 1) / harness.locations().length) }, (_, i) => `KIT-R${i}`)
      await harness.seed(skus, 5)
      const seen = new Map<string, number>()
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await provider.readQuantities(ctx, { cursor })
        page.items.forEach((q) => {
          expect(seen.has(itemKey(q))).toBe(false)
          seen.set(itemKey(q), q.quantity)
        })
        cursor = page.next_cursor
        pages++
      } while (cursor && pages < 1_000)
      expect(pages).toBeGreaterThanOrEqual(3)
      for (const sku of skus) {
        for (const location of harness.locations()) {
          expect([sku, seen.get(itemKey({ sku, location }))]).toEqual([sku, 5])
        }
      }
      const chosen = await provider.readQuantities(ctx, { cursor: null, skus: [skus[1], skus[2]] })
      expect(new Set(chosen.items.map((q) => q.sku))).toEqual(new Set([skus[1], skus[2]]))
    })

    it("lists the catalogue across pages, each SKU once", async () => {
      if (!provider.capabilities.catalogue) {
        return
      }
      const skus = Array.from({ length: harness.cataloguePageSize * 2 + 1 }, (_, i) => `KIT-C${i}`)
      await harness.seed(skus, 0)
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await provider.listCatalogue(ctx, { cursor })
        seen.push(...page.items.map((entry) => entry.sku))
        page.items.forEach((entry) => expect(entry.status).toBe("active"))
        cursor = page.next_cursor
        pages++
      } while (cursor && pages < 1_000)
      expect(pages).toBeGreaterThanOrEqual(3)
      expect(seen.sort()).toEqual([...skus].sort())
    })

    it("lists its locations with the ids pushes use (per-location channels)", async () => {
      if (!provider.capabilities.per_location) {
        expect(harness.locations()).toEqual([null])
        return
      }
      const locations = await provider.listLocations(ctx)
      expect(locations.map((l) => l.id).sort()).toEqual((harness.locations() as string[]).sort())
      locations.forEach((l) => expect(l).toEqual({ id: expect.any(String), code: expect.stringMatching(/^\S+$/), name: expect.any(String), active: expect.any(Boolean) }))
    })

    it("fetches orders changed since a cursor, oldest change first", async () => {
      if (!provider.capabilities.order_import || !harness.placeOrder) {
        return
      }
      await harness.seed(["KIT-O"], 10)
      const first = await harness.placeOrder([{ sku: "KIT-O", quantity: 1 }])
      // Some channels keep change times to the second (WooCommerce): the two orders are placed
      // in different seconds so the cursor can tell them apart.
      await sleep(1_100)
      const second = await harness.placeOrder([{ sku: "KIT-O", quantity: 2 }])
      const all: ChannelOrder[] = []
      let cursor: string | null = null
      do {
        const page = await provider.fetchOrders(ctx, { since: "2000-01-01T00:00:00.000Z", cursor })
        all.push(...page.items)
        cursor = page.next_cursor
      } while (cursor)
      expect(all.map((o) => o.external_id)).toEqual([first.external_id, second.external_id])
      expect(all[1]).toMatchObject({ status: "open", lines: [{ sku: "KIT-O", quantity: 2 }] })
      const later = await provider.fetchOrders(ctx, { since: all[1].updated_at, cursor: null })
      expect(later.items.map((o) => o.external_id)).toEqual([second.external_id])
    })

    it("verifies webhooks on the raw body: valid, tampered, unsigned, and a replay keeps its event id", async () => {
      if (!provider.capabilities.webhooks || !harness.orderWebhook) {
        return
      }
      await harness.seed(["KIT-W"], 10)
      const order = await (harness.placeOrder?.([{ sku: "KIT-W", quantity: 1 }]) ?? Promise.resolve({ external_id: "kit-order" }))
      const request = await harness.orderWebhook(order)
      expect(provider.verifyWebhook(ctx, request)).toBe(true)
      const events = provider.parseWebhook(ctx, request)
      expect(events).toEqual([expect.objectContaining({ type: "order", id: expect.any(String), order: expect.objectContaining({ external_id: order.external_id }) })])
      // A redelivery carries the same event id, which is what makes it a replay.
      expect(provider.parseWebhook(ctx, request).map((e) => e.id)).toEqual(events.map((e) => e.id))

      const tampered = Buffer.from(request.raw_body)
      tampered[tampered.length - 2] = tampered[tampered.length - 2] === 0x31 ? 0x32 : 0x31
      expect(provider.verifyWebhook(ctx, { ...request, raw_body: tampered })).toBe(false)
      const unsigned = { ...request, headers: { ...request.headers } }
      for (const header of harness.signatureHeaders ?? []) {
        delete unsigned.headers[header]
      }
      expect(provider.verifyWebhook(ctx, unsigned)).toBe(false)
      expect(provider.verifyWebhook({ ...ctx, credentials: { ...ctx.credentials, webhook_secret: "another-secret" } }, request)).toBe(false)
    })
  })
}
