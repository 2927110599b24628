import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Logger } from "@medusajs/framework/types"
import { SandboxServer, startSandbox } from "../../../../sandbox/server"
import type { ListingQuantity } from "../../../lib/stock/load-listing-quantities"
import type MarketplaceModuleService from "../service"
import { MARKETPLACE_MODULE } from "../types"
import { Flusher } from "../utils/flusher"
import { ChannelRateLimits } from "../utils/rate-limits"

jest.setTimeout(60_000)

const KEY = "outbox-test-key-0001"
let sandbox: SandboxServer

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger

/** What the mark workflow computes, reduced to what the outbox stores. */
function computed(listing: { id: string; channel_id: string }, quantity: number): ListingQuantity {
  return {
    listing_id: listing.id,
    channel_id: listing.channel_id,
    variant_id: "variant_x",
    variant_sku: "SKU",
    quantity,
    breakdown: {
      per_location: false,
      targets: [{ channel_location_id: null, location_code: null, location_external_id: null, quantity, breakdown: { quantity } as never }],
    },
  }
}

moduleIntegrationTestRunner<MarketplaceModuleService>({
  moduleName: MARKETPLACE_MODULE,
  resolve: "./src/modules/marketplace",
  // The migrations, not a schema derived from the models: mkt_rate_limit is not a model.
  pathToMigrations: "./src/modules/marketplace/migrations",
  moduleOptions: {
    encryption_key: Buffer.alloc(32, 9).toString("base64"),
    // The tests drive every flush themselves.
    flush: { auto: false },
    // Read when the module loads, after beforeAll started the sandbox.
    providers: [
      { resolve: "./src/providers/sandbox", id: "sandbox", options: { get base_url() { return sandbox.url } } },
      { resolve: "./src/providers/sandbox", id: "sandbox-feeds", options: { get base_url() { return sandbox.url }, push_mode: "async" } },
    ],
  },
  testSuite: ({ service }) => {
    let listings: { id: string; channel_id: string; channel_sku: string }[]

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.requests.splice(0)
      sandbox.setFaults({})
      const account = sandbox.store.addAccount({ api_key: KEY, name: "Outbox seller" })
      const channel = await service.createChannels({
        name: "Outbox",
        code: "outbox",
        provider_id: "sandbox",
        credentials_encrypted: service.sealCredentials("sandbox", { api_key: KEY }),
      })
      listings = await service.createListings(
        Array.from({ length: 60 }, (_, i) => ({ channel_id: channel.id, channel_sku: `SKU-${i}`, variant_id: `variant_${i}` }))
      )
      listings.forEach((l) => sandbox.store.upsertListing(account, { sku: l.channel_sku }))
    })

    const pushed = () =>
      sandbox.requests.flatMap((r) => ((r.body as { updates?: { sku: string; quantity: number }[] })?.updates ?? []).map((u) => `${u.sku}=${u.quantity}`))

    it("marks only what the channel was not told, and nothing twice", async () => {
      expect(await service.markTargets(listings.map((l) => computed(l, 5)), { event: "test" })).toEqual({ due: 60, targets: 60 })
      await new Flusher(service, quiet, { auto: true, coalesce_ms: 0, claim_limit: 500, lease_ms: 60_000 }).run()
      expect(pushed()).toHaveLength(60)
      expect(await service.markTargets(listings.map((l) => computed(l, 5)), { event: "test" })).toEqual({ due: 0, targets: 60 })
      expect((await service.markTargets([computed(listings[0], 5)], { event: "sync-now" }, { force: true })).due).toBe(1)
    })

    it("lets two flushers run at once without ever pushing one row twice", async () => {
      await service.markTargets(listings.map((l) => computed(l, 7)), { event: "test" })
      sandbox.setFaults({ latency_ms: 100 })
      const options = { auto: true, coalesce_ms: 0, claim_limit: 10, lease_ms: 60_000 }
      const a = new Flusher(service, quiet, options)
      const b = new Flusher(service, quiet, options)
      await Promise.all([a.run(), b.run()])
      const skus = pushed()
      expect(skus).toHaveLength(60)
      expect(new Set(skus).size).toBe(60)
      // Both took part: 60 rows in rounds of 10 means 6 calls, split between the two.
      expect(sandbox.requests.length).toBe(6)
      const records = await service.listSyncRecords({}, { take: 100 })
      expect(records.map((r) => r.status).every((s) => s === "success")).toBe(true)
      expect(records).toHaveLength(60)
    })

    it("pushes decreases and zero-outs before increases", async () => {
      await service.markTargets(listings.slice(0, 3).map((l) => computed(l, 10)), { event: "test" })
      await new Flusher(service, quiet, { auto: true, coalesce_ms: 0, claim_limit: 500, lease_ms: 60_000 }).run()
      sandbox.requests.splice(0)
      await service.markTargets([computed(listings[0], 12), computed(listings[1], 0), computed(listings[2], 4)], { event: "test" })
      const flusher = new Flusher(service, quiet, { auto: true, coalesce_ms: 0, claim_limit: 1, lease_ms: 60_000 })
      await flusher.run()
      expect(pushed()).toEqual(["SKU-1=0", "SKU-2=4", "SKU-0=12"])
    })

    it("catches up a push whose flusher died, on the same sync record, and ignores that flusher's late answer", async () => {
      await service.markTargets([computed(listings[0], 9)], { event: "order.placed" })
      // A flusher claims the row and dies before pushing (its lease runs out).
      const dead = await service.claimDueTargets({ limit: 10, lease_ms: 1 })
      expect(dead.targets).toHaveLength(1)
      await new Promise((resolve) => setTimeout(resolve, 20))

      await new Flusher(service, quiet, { auto: true, coalesce_ms: 0, claim_limit: 10, lease_ms: 60_000 }).run()
      expect(pushed()).toEqual(["SKU-0=9"])
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ id: dead.targets[0].record_id, status: "success", quantity: 9, attempts: 2, trigger_event: "order.placed" })

      // Much later the dead flusher's answer for an older value arrives: it changes nothing.
      await service.settleTargets(dead.token, [{ target: { ...dead.targets[0], desired_quantity: 3 }, outcome: "success", quantity: 3 }])
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ last_pushed_quantity: 9, due_at: null, claim_token: null })
    })

    it("gives up after the last retry and keeps the row out of the queue until something changes", async () => {
      sandbox.setFaults({ error_rate: 1 })
      await service.markTargets([computed(listings[0], 4)], { event: "test" })
      for (let attempt = 0; attempt < 6; attempt++) {
        await service.updateListingTargets({ selector: { listing_id: listings[0].id }, data: { next_attempt_at: null } })
        await new Flusher(service, quiet, { auto: false, coalesce_ms: 0, claim_limit: 10, lease_ms: 60_000 }).flushRound()
      }
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ status: "error", attempts: 6, error_code: "SERVICE_UNAVAILABLE" })
      expect(record.error_message).toContain("gave up after 6 attempts")
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ due_at: null, attempts: 0, record_id: null })
      expect(sandbox.requests).toHaveLength(6)
    })

    it("keeps an asynchronous channel's pushes Submitted until its report says Success or Error", async () => {
      sandbox.store.feedDelayMs = 200
      const channel = await service.createChannels({
        name: "Feeds",
        code: "feeds",
        provider_id: "sandbox-feeds",
        credentials_encrypted: service.sealCredentials("sandbox-feeds", { api_key: KEY }),
      })
      const [known, unknown] = await service.createListings([
        { channel_id: channel.id, channel_sku: "SKU-1", variant_id: "variant_a" },
        { channel_id: channel.id, channel_sku: "NOT-ON-CHANNEL", variant_id: "variant_b" },
      ])
      await service.markTargets([computed(known, 6), computed(unknown, 2)], { event: "order.placed", id: "order_1" })
      const flusher = new Flusher(service, quiet, { auto: false, submission_check_ms: 0, coalesce_ms: 0, claim_limit: 10, lease_ms: 60_000 })
      await flusher.run()
      const submitted = await service.listSyncRecords({ channel_id: channel.id })
      expect(submitted.map((r) => r.status)).toEqual(["submitted", "submitted"])
      // One feed carried both updates.
      expect(new Set(submitted.map((r) => r.submission_id)).size).toBe(1)
      expect(submitted[0].submission_id).toMatch(/^FEED-/)
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.size).toBe(0)

      expect(await flusher.checkSubmissions()).toBe(2)
      // While a push is Submitted no other push of the row may start.
      await service.markTargets([computed(known, 5)], { event: "order.placed", id: "order_2" })
      await flusher.run()
      expect(sandbox.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/stock/feeds"])

      await new Promise((resolve) => setTimeout(resolve, 250))
      expect(await flusher.checkSubmissions()).toBe(0)
      const settled = await service.listSyncRecords({ channel_id: channel.id }, { order: { created_at: "ASC" } })
      expect(settled.find((r) => r.channel_sku === "SKU-1")).toMatchObject({ status: "success", quantity: 6 })
      expect(settled.find((r) => r.channel_sku === "NOT-ON-CHANNEL")).toMatchObject({ status: "error", error_code: "SKU_NOT_FOUND" })
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.get("default")!.quantity).toBe(6)

      // The newer quantity marked meanwhile goes out next, as a new submission.
      await flusher.run()
      expect(sandbox.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/stock/feeds", "/api/stock/feeds"])
      await new Promise((resolve) => setTimeout(resolve, 250))
      await flusher.checkSubmissions()
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.get("default")!.quantity).toBe(5)
    })

    it("shares a channel's request budget between instances through PostgreSQL, not per process", async () => {
      const knex = () => service.sqlClient()
      // A minute's window, so the count cannot roll over while the test runs.
      const limit = { requests: 5, per_ms: 60_000 }
      const allowedOf = async (a: ChannelRateLimits, b: ChannelRateLimits, channel: string) => {
        let allowed = 0
        for (let i = 0; i < 6; i++) {
          allowed += Number((await a.tryTake(channel, limit)).allowed) + Number((await b.tryTake(channel, limit)).allowed)
        }
        return allowed
      }
      // Two "processes": with the shared store they draw from one budget of 5 …
      const shared = await allowedOf(new ChannelRateLimits("postgres", knex), new ChannelRateLimits("postgres", knex), "mch_shared")
      // … with memory each has its own 5.
      const separate = await allowedOf(new ChannelRateLimits("memory", knex), new ChannelRateLimits("memory", knex), "mch_separate")
      expect({ shared, separate }).toEqual({ shared: 5, separate: 10 })
      const refused = await new ChannelRateLimits("postgres", knex).tryTake("mch_shared", limit)
      expect(refused.allowed).toBe(false)
      expect(refused.retry_in_ms).toBeGreaterThan(0)
    })
  },
})
