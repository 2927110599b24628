import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Logger } from "@medusajs/framework/types"
import { SandboxServer, startSandbox } from "../../../../sandbox/server"
import type { ListingQuantity } from "../../../lib/stock/load-listing-quantities"
import type MarketplaceModuleService from "../service"
import { MARKETPLACE_MODULE } from "../types"
import { Flusher, type FlushOptions, type QuantitySource } from "../utils/flusher"
import { ChannelRateLimits } from "../utils/rate-limits"
import { redisAnswers, TEST_REDIS_URL } from "../../../../integration-tests/helpers/redis"

const haveRedis = redisAnswers()
if (!haveRedis) {
  process.stderr.write(`[outbox tests] SKIPPED the Redis budget test: no Redis at ${TEST_REDIS_URL}\n`)
}

jest.setTimeout(60_000)

const KEY = "outbox-test-key-0001"
let sandbox: SandboxServer

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger

/** What the quantity formula computes for a listing, reduced to what the outbox stores. */
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

/** Until `check` passes (the pushes run in the background). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error("condition not met in time")
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
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
      {
        resolve: "./src/providers/sandbox",
        id: "sandbox-capped",
        options: { get base_url() { return sandbox.url }, revision_cap: { per_day: 3, reserve: 1, time_zone: "UTC" } },
      },
    ],
  },
  testSuite: ({ service }) => {
    let listings: { id: string; channel_id: string; channel_sku: string }[]
    /** The store's stock as the quantity formula would compute it now, per listing. */
    let stock: Map<string, number>
    /** Runs once right after the push read stock, before it writes what it read (a change racing the push). */
    let afterRead: (() => Promise<unknown>) | null = null
    const source: QuantitySource = async (ids) => {
      const read = listings.concat(extra).filter((l) => ids.includes(l.id) && stock.has(l.id)).map((l) => computed(l, stock.get(l.id)!))
      const race = afterRead
      afterRead = null
      await race?.()
      return read
    }
    let extra: { id: string; channel_id: string; channel_sku: string }[]
    const flusher = (options: Partial<FlushOptions> = {}) =>
      new Flusher(service, quiet, { auto: true, coalesce_ms: 0, claim_limit: 500, lease_ms: 60_000, ...options }, () => source)
    /** A stock change: the formula now says `quantity`, and the mark computed it. */
    const change = (rows: { id: string; channel_id: string }[], quantity: number, trigger = "test") => {
      rows.forEach((row) => stock.set(row.id, quantity))
      return service.markTargets(rows.map((row) => computed(row, quantity)), { event: trigger })
    }

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.requests.splice(0)
      sandbox.overlaps.splice(0)
      sandbox.setFaults({})
      stock = new Map()
      extra = []
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
    const channelId = () => listings[0].channel_id

    it("marks only what the channel was not told, and nothing twice", async () => {
      expect(await change(listings, 5)).toMatchObject({ due: 60, targets: 60, channel_ids: [channelId()] })
      await flusher().run()
      expect(pushed()).toHaveLength(60)
      expect(await change(listings, 5)).toMatchObject({ due: 0, targets: 60, channel_ids: [] })
      expect((await service.markTargets([computed(listings[0], 5)], { event: "sync-now" }, { force: true })).due).toBe(1)
    })

    it("pushes the quantity of current stock, not the older number a slow mark computed", async () => {
      // Two overlapping changes: the newer one (stock now 3) committed, then the older
      // computation (5) was the last to be written to the outbox.
      stock.set(listings[0].id, 3)
      await service.markTargets([computed(listings[0], 5)], { event: "order.placed" })
      await flusher().run()
      expect(pushed()).toEqual(["SKU-0=3"])
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ status: "success", quantity: 3 })
    })

    it("pushes again when stock moved while a push was on the wire, even back to the number last told", async () => {
      await change([listings[0]], 5)
      await flusher().run()
      sandbox.store.accounts.get(KEY)!.latency_ms = 300
      await change([listings[0]], 4)
      const lane = flusher().run()
      await until(() => sandbox.inFlightWrites() === 1)
      // Stock goes back to 5 while 4 is on the wire: the channel must end at 5.
      await change([listings[0]], 5)
      await lane
      await flusher().run()
      expect(pushed()).toEqual(["SKU-0=5", "SKU-0=4", "SKU-0=5"])
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ last_pushed_quantity: 5, due_at: null, claim_token: null })
    })

    it("pushes again when stock moved between the push's stock read and its write of what it read", async () => {
      await change([listings[0]], 5)
      await flusher().run()
      await change([listings[0]], 4)
      // The push reads 4; before it stores that, stock moves to 6 and its mark commits.
      afterRead = () => change([listings[0]], 6)
      await flusher().run()
      expect(pushed()).toEqual(["SKU-0=5", "SKU-0=4", "SKU-0=6"])
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ last_pushed_quantity: 6, due_at: null })
    })

    it("settles without a call when the fresh quantity is what the channel was last told", async () => {
      await change([listings[0]], 5)
      await flusher().run()
      await change([listings[0]], 4)
      await change([listings[0]], 5)
      const before = sandbox.requests.length
      const f = flusher()
      await f.run()
      expect(sandbox.requests.length).toBe(before)
      expect(f.stats).toMatchObject({ claimed: 1, sent: 0, unchanged: 1 })
      expect(await service.listSyncRecords({ listing_id: listings[0].id })).toHaveLength(1)
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ due_at: null, claim_token: null, last_pushed_quantity: 5 })
    })

    it("lets two flushers take part at once without ever pushing one row twice or two pushes of a row at once", async () => {
      await change(listings, 7)
      sandbox.setFaults({ latency_ms: 100 })
      const a = flusher({ claim_limit: 10 })
      const b = flusher({ claim_limit: 10 })
      await Promise.all([a.run(), b.run()])
      const skus = pushed()
      expect(skus).toHaveLength(60)
      expect(new Set(skus).size).toBe(60)
      // Each took its own share of the 60 rows; together exactly all of them, none twice.
      expect(a.stats.sent).toBeGreaterThan(0)
      expect(b.stats.sent).toBeGreaterThan(0)
      expect(a.stats.sent + b.stats.sent).toBe(60)
      expect(sandbox.overlaps).toEqual([])
      const records = await service.listSyncRecords({}, { take: 100 })
      expect(records.map((r) => r.status).every((s) => s === "success")).toBe(true)
      expect(records).toHaveLength(60)
    })

    it("runs one lane per channel: a slow channel never holds up another channel's pushes", async () => {
      const slowKey = "outbox-test-key-slow"
      const slowAccount = sandbox.store.addAccount({ api_key: slowKey, name: "Slow seller" })
      slowAccount.latency_ms = 3_000
      const slowChannel = await service.createChannels({
        name: "Slow",
        code: "slow",
        provider_id: "sandbox",
        credentials_encrypted: service.sealCredentials("sandbox", { api_key: slowKey }),
      })
      const [slow] = await service.createListings([{ channel_id: slowChannel.id, channel_sku: "SLOW-1", variant_id: "variant_s" }])
      sandbox.store.upsertListing(slowAccount, { sku: "SLOW-1" })
      extra = [slow]
      const f = flusher()
      await change([slow], 8)
      f.request([slowChannel.id], 0)
      await until(() => sandbox.inFlightWrites() === 1)
      // While the slow channel's call is on the wire, a sale changes the fast channel.
      await change([listings[0]], 2)
      f.request([channelId()], 0)
      await until(async () => (await service.listSyncRecords({ listing_id: listings[0].id }))[0]?.status === "success")
      expect(sandbox.inFlightWrites()).toBe(1)
      expect(await service.listSyncRecords({ listing_id: slow.id })).toMatchObject([{ status: "in_process" }])
      await f.run()
      expect(await service.listSyncRecords({ listing_id: slow.id })).toMatchObject([{ status: "success", quantity: 8 }])
    })

    it("pushes zero-outs first, then decreases, then increases", async () => {
      await change(listings.slice(0, 3), 10)
      await flusher().run()
      sandbox.requests.splice(0)
      await change([listings[0]], 12)
      await change([listings[2]], 4)
      await change([listings[1]], 0)
      await flusher({ claim_limit: 1 }).run()
      expect(pushed()).toEqual(["SKU-1=0", "SKU-2=4", "SKU-0=12"])
    })

    it("keeps a claim alive by heartbeat while its push is on the wire, so no other flusher pushes the row", async () => {
      await change([listings[0]], 6)
      sandbox.store.accounts.get(KEY)!.latency_ms = 1_200
      // A lease of 300 ms would run out four times during the call without the heartbeat.
      const slow = flusher({ lease_ms: 300 }).run()
      await until(() => sandbox.inFlightWrites() === 1)
      const other = flusher({ lease_ms: 300 })
      for (let i = 0; i < 6; i++) {
        await other.flushRound(channelId())
        await new Promise((resolve) => setTimeout(resolve, 150))
      }
      await slow
      expect(other.stats.claimed).toBe(0)
      expect(pushed()).toEqual(["SKU-0=6"])
      expect(sandbox.overlaps).toEqual([])
    })

    it("takes over a dead flusher's claim as soon as its lease runs out, on the same sync record, and ignores its late answers", async () => {
      await change([listings[0]], 9, "order.placed")
      // A flusher claims the row, opens its push and dies (no heartbeat keeps its short lease).
      const dead = await service.claimDueTargets({ channel_id: channelId(), limit: 10, lease_ms: 200 })
      const opened = await service.openPush(dead.token, dead.targets, [{ id: dead.targets[0].id, quantity: 9, breakdown: {}, variant_sku: "SKU" }], 200)
      expect(opened.push).toHaveLength(1)
      const early = flusher()
      await early.flushRound(channelId())
      expect(early.stats.claimed).toBe(0)
      await new Promise((resolve) => setTimeout(resolve, 250))

      await flusher().run()
      expect(pushed()).toEqual(["SKU-0=9"])
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ id: opened.push[0].record_id, status: "success", quantity: 9, attempts: 2, trigger_event: "order.placed" })

      // Much later the dead flusher's answers arrive, for an older value: success, failure, retry.
      const late = { ...opened.push[0], desired_quantity: 3 }
      const error = { kind: "transient" as const, message: "late", code: "LATE" }
      expect(await service.settleTargets(dead.token, [{ target: late, outcome: "success", quantity: 3 }])).toEqual(new Set())
      expect(await service.settleTargets(dead.token, [{ target: late, outcome: "error", error, attempts: 6 }])).toEqual(new Set())
      expect(
        await service.settleTargets(dead.token, [{ target: late, outcome: "retry", error, attempts: 2, next_attempt_at: new Date() }])
      ).toEqual(new Set())
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ last_pushed_quantity: 9, due_at: null, claim_token: null, next_attempt_at: null })
      const [after] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(after).toMatchObject({ status: "success", quantity: 9, error_code: null, error_message: null })
    })

    it("still owes a forced push (Sync now) when the flusher that claimed it dies", async () => {
      await change([listings[0]], 5)
      await flusher().run()
      await service.markTargets([computed(listings[0], 5)], { event: "manual.sync_now" }, { force: true })
      const dead = await service.claimDueTargets({ channel_id: channelId(), limit: 10, lease_ms: 200 })
      expect(dead.targets).toMatchObject([{ forced: true }])
      await new Promise((resolve) => setTimeout(resolve, 250))
      await flusher().run()
      expect(pushed()).toEqual(["SKU-0=5", "SKU-0=5"])
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ forced: false, due_at: null })
    })

    it("gives up after the last retry with an Error row, then starts over after a cool-off as a new push", async () => {
      sandbox.setFaults({ error_rate: 1 })
      await change([listings[0]], 4)
      for (let attempt = 0; attempt < 6; attempt++) {
        await service.updateListingTargets({ selector: { listing_id: listings[0].id }, data: { next_attempt_at: null } })
        await flusher({ auto: false, claim_limit: 10 }).flushRound(channelId())
      }
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ status: "error", attempts: 6, error_code: "SERVICE_UNAVAILABLE" })
      expect(record.error_message).toContain("gave up after 6 attempts; starting over in 30 s")
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ attempts: 0, record_id: null })
      expect(target.due_at).not.toBeNull()
      expect(new Date(target.next_attempt_at!).getTime()).toBeGreaterThan(Date.now() + 25_000)
      expect(sandbox.requests).toHaveLength(6)

      // The channel is back; once the cool-off is over the row goes out again on a new record.
      sandbox.setFaults({})
      await service.updateListingTargets({ selector: { listing_id: listings[0].id }, data: { next_attempt_at: null } })
      await flusher().run()
      const rows = await service.listSyncRecords({ listing_id: listings[0].id }, { order: { created_at: "ASC" } })
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([["error", 6], ["success", 1]])
    })

    it("still owes a forced push after it ran out of retries and starts over", async () => {
      await change([listings[0]], 5)
      await flusher().run()
      await service.markTargets([computed(listings[0], 5)], { event: "manual.sync_now" }, { force: true })
      sandbox.setFaults({ error_rate: 1 })
      for (let attempt = 0; attempt < 6; attempt++) {
        await service.updateListingTargets({ selector: { listing_id: listings[0].id }, data: { next_attempt_at: null } })
        await flusher({ auto: false }).flushRound(channelId())
      }
      sandbox.setFaults({})
      await service.updateListingTargets({ selector: { listing_id: listings[0].id }, data: { next_attempt_at: null } })
      await flusher().run()
      // The channel was told 5 before; the forced push goes out again all the same.
      expect(sandbox.requests.filter((r) => r.status === 200).length).toBe(2)
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ forced: false, due_at: null, last_pushed_quantity: 5 })
    })

    it("holds increases near a daily revision cap, defers everything at it, and catches up when the day turns", async () => {
      const channel = await service.createChannels({
        name: "Capped",
        code: "capped",
        provider_id: "sandbox-capped",
        credentials_encrypted: service.sealCredentials("sandbox-capped", { api_key: KEY }),
      })
      const [listing] = await service.createListings([{ channel_id: channel.id, channel_sku: "CAP-1", variant_id: "variant_cap" }])
      extra.push(listing)
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "CAP-1" })
      // The channel's clock stands at 23:59:50 UTC while the day's revisions are used up.
      const evening = new Date(Date.UTC(2026, 11, 4, 23, 59, 50))
      let clock = () => evening
      const capped = flusher({ clock: () => clock() })
      const sent = () => pushed().filter((p) => p.startsWith("CAP-1="))
      const records = () => service.listSyncRecords({ listing_id: listing.id }, { order: { created_at: "ASC" } })

      for (const quantity of [5, 7]) {
        await change([listing], quantity)
        await capped.run([channel.id])
      }
      // One revision left: an increase waits, a decrease goes.
      await change([listing], 9)
      await capped.run([channel.id])
      expect(sent()).toEqual(["CAP-1=5", "CAP-1=7"])
      let rows = await records()
      expect(rows.map((r) => r.status)).toEqual(["success", "success", "deferred"])
      expect(rows[2]).toMatchObject({ quantity: 9, error_code: "DAILY_REVISION_CAP" })
      expect(rows[2].error_message).toContain("only decreases go")

      await service.updateListingTargets({ selector: { listing_id: listing.id }, data: { next_attempt_at: null } })
      await change([listing], 3)
      await capped.run([channel.id])
      expect(sent()).toEqual(["CAP-1=5", "CAP-1=7", "CAP-1=3"])
      rows = await records()
      // The deferred row went on with the fresh number: no second row for one push.
      expect(rows.map((r) => [r.status, r.quantity])).toEqual([["success", 5], ["success", 7], ["success", 3]])

      // At the cap even a decrease waits, until the next day.
      await change([listing], 8)
      await capped.run([channel.id])
      const deferredAt = Date.now()
      rows = await records()
      expect(rows[3]).toMatchObject({ status: "deferred", quantity: 8, error_code: "DAILY_REVISION_CAP" })
      expect(rows[3].error_message).toContain("3 of 3 revisions today")
      const [target] = await service.listListingTargets({ listing_id: listing.id })
      expect(new Date(target.next_attempt_at!).getTime() - deferredAt).toBeGreaterThan(8_000)
      expect(new Date(target.next_attempt_at!).getTime() - deferredAt).toBeLessThanOrEqual(10_000)
      expect(sent()).toHaveLength(3)

      // The clock runs on from 23:59:50; when the day turns the same row is sent.
      const shift = evening.getTime() - deferredAt
      clock = () => new Date(Date.now() + shift)
      await until(async () => (await records())[3]?.status === "success", 30_000)
      expect(sent()).toEqual(["CAP-1=5", "CAP-1=7", "CAP-1=3", "CAP-1=8"])
      expect((await records()).map((r) => r.status)).toEqual(["success", "success", "success", "success"])
      await capped.stop()
    })

    it("leaves a rejected push in Error, out of the queue, until something changes", async () => {
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "SKU-0", status: "locked" })
      await change([listings[0]], 4)
      await flusher().run()
      const [record] = await service.listSyncRecords({ listing_id: listings[0].id })
      expect(record).toMatchObject({ status: "error", attempts: 1, error_code: "LISTING_LOCKED" })
      const [target] = await service.listListingTargets({ listing_id: listings[0].id })
      expect(target).toMatchObject({ due_at: null, next_attempt_at: null })
    })

    it("never makes disabled or unmatched listings due, so they never wait at the head of the queue", async () => {
      await service.updateListings([
        { id: listings[0].id, sync_enabled: false, disabled_reason: "manual" },
        { id: listings[1].id, variant_id: null },
      ])
      expect((await change(listings.slice(0, 3), 5)).due).toBe(1)
      const rows = await service.listListingTargets({ listing_id: listings.slice(0, 2).map((l) => l.id) })
      expect(rows.map((r) => r.due_at)).toEqual([null, null])
      // Disabling after a mark takes the row out of the queue at the next mark.
      await service.updateListings([{ id: listings[2].id, sync_enabled: false, disabled_reason: "manual" }])
      await change([listings[2]], 4)
      const [third] = await service.listListingTargets({ listing_id: listings[2].id })
      expect(third.due_at).toBeNull()
    })

    it("loses no mark when many overlapping marks lock shared rows in different orders", async () => {
      const shuffled = () => [...listings].sort(() => Math.random() - 0.5)
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => service.markTargets(shuffled().map((l) => computed(l, i + 1)), { event: `burst-${i}` }))
      )
      expect(results.filter((r) => r.status === "rejected")).toEqual([])
      const rows = await service.listListingTargets({ listing_id: listings.map((l) => l.id) }, { take: 100 })
      expect(rows).toHaveLength(60)
      expect(rows.every((r) => r.due_at !== null)).toBe(true)
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
      extra = [known, unknown]
      stock.set(unknown.id, 2)
      await change([known], 6, "order.placed")
      await service.markTargets([computed(unknown, 2)], { event: "order.placed", id: "order_1" })
      const f = flusher({ auto: false, submission_check_ms: 0 })
      await f.run([channel.id])
      const submitted = await service.listSyncRecords({ channel_id: channel.id })
      expect(submitted.map((r) => r.status)).toEqual(["submitted", "submitted"])
      // One feed carried both updates.
      expect(new Set(submitted.map((r) => r.submission_id)).size).toBe(1)
      expect(submitted[0].submission_id).toMatch(/^FEED-/)
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.size).toBe(0)

      expect(await f.checkSubmissions()).toBe(2)
      // While a push is Submitted no other push of the row may start.
      await change([known], 5, "order.placed")
      await f.run([channel.id])
      expect(sandbox.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/stock/feeds"])

      await new Promise((resolve) => setTimeout(resolve, 250))
      expect(await f.checkSubmissions()).toBe(0)
      const settled = await service.listSyncRecords({ channel_id: channel.id }, { order: { created_at: "ASC" } })
      expect(settled.find((r) => r.channel_sku === "SKU-1")).toMatchObject({ status: "success", quantity: 6 })
      expect(settled.find((r) => r.channel_sku === "NOT-ON-CHANNEL")).toMatchObject({ status: "error", error_code: "SKU_NOT_FOUND" })
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.get("default")!.quantity).toBe(6)

      // The newer quantity marked meanwhile goes out next, as a new submission.
      await f.run([channel.id])
      expect(sandbox.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/stock/feeds", "/api/stock/feeds"])
      await new Promise((resolve) => setTimeout(resolve, 250))
      await f.checkSubmissions()
      expect(sandbox.store.accounts.get(KEY)!.listings.get("SKU-1")!.stock.get("default")!.quantity).toBe(5)
    })

    it("keeps a Submitted row held for the channel's verdict when a heartbeat of its round lands after the settle", async () => {
      sandbox.store.feedDelayMs = 60_000
      const channel = await service.createChannels({
        name: "Feeds",
        code: "feeds",
        provider_id: "sandbox-feeds",
        credentials_encrypted: service.sealCredentials("sandbox-feeds", { api_key: KEY }),
      })
      const [listing] = await service.createListings([{ channel_id: channel.id, channel_sku: "SKU-1", variant_id: "variant_a" }])
      extra = [listing]
      await change([listing], 6, "order.placed")
      await flusher({ auto: false }).run([channel.id])
      const [held] = await service.listListingTargets({ listing_id: listing.id })
      expect((await service.listSyncRecords({ listing_id: listing.id })).map((r) => r.status)).toEqual(["submitted"])
      // The round's heartbeat read its ids before the settle and renews after it.
      const renewed = await service.renewClaims(held.claim_token!, [held.id], 8_000)
      expect([...renewed]).toEqual([])
      const [after] = await service.listListingTargets({ listing_id: listing.id })
      expect(new Date(after.claim_expires_at!).getTime()).toBeGreaterThan(Date.now() + 3_600_000)
      // So no other round takes the row and pushes it again while the channel processes it.
      await service.updateListingTargets({ selector: { id: held.id }, data: { due_at: new Date() } })
      const claim = await service.claimDueTargets({ channel_id: channel.id, limit: 10, lease_ms: 8_000 })
      expect(claim.targets).toEqual([])
    })

    it("pauses a channel for every flusher when one of them is told to wait (a 429's Retry-After)", async () => {
      await change(listings.slice(0, 2), 3)
      sandbox.setFaults({ queue: [{ type: "rate_limit", retry_after_s: 2 }] })
      // Two "instances", one row each: the first call is throttled for 2 s.
      await flusher({ claim_limit: 1 }).flushRound(channelId())
      await flusher({ claim_limit: 1 }).flushRound(channelId())
      const [limited, next] = sandbox.requests.filter((r) => r.path === "/api/stock/batch")
      expect(limited.status).toBe(429)
      expect(next.status).toBe(200)
      expect(next.at - limited.at).toBeGreaterThanOrEqual(1_900)
    })

    it("prices calls against a budget and adopts the waits and points left that the channel reports", async () => {
      const knex = () => service.sqlClient()
      const budget = { points: 10, per_ms: 60_000 }
      const a = new ChannelRateLimits("postgres", knex)
      const b = new ChannelRateLimits("postgres", knex)
      // A call costing 6 points, then one costing 6: the second does not fit the 10.
      expect((await a.tryTake("mch_cost", budget, 6)).allowed).toBe(true)
      expect((await b.tryTake("mch_cost", budget, 6)).allowed).toBe(false)
      expect((await b.tryTake("mch_cost", budget, 4)).allowed).toBe(true)

      // The channel says only 2 points are left where we counted 10: both instances adopt it.
      expect((await a.tryTake("mch_left", budget, 1)).allowed).toBe(true)
      await a.report("mch_left", budget, { remaining: 2 })
      expect((await b.tryTake("mch_left", budget, 2)).allowed).toBe(true)
      expect((await b.tryTake("mch_left", budget, 1)).allowed).toBe(false)

      // A wait told to one instance holds the other back for as long.
      await a.report("mch_wait", budget, { wait_ms: 3_000 })
      const held = await b.tryTake("mch_wait", budget, 1)
      expect(held.allowed).toBe(false)
      expect(held.retry_in_ms).toBeGreaterThan(2_000)
    })

    ;(haveRedis ? it : it.skip)("shares a channel's budget and its pauses between instances through Redis", async () => {
      const url = TEST_REDIS_URL.replace(/\/\d*$/, "") + "/11"
      const key = `mch_redis_${Date.now()}`
      const a = new ChannelRateLimits("redis", () => null, undefined, url)
      const b = new ChannelRateLimits("redis", () => null, undefined, url)
      try {
        const limit = { points: 5, per_ms: 60_000 }
        // The client connects on first use; its first calls may fall back to memory until then.
        await a.tryTake(`${key}_warmup`, limit)
        await b.tryTake(`${key}_warmup`, limit)
        await new Promise((resolve) => setTimeout(resolve, 200))
        let allowed = 0
        for (let i = 0; i < 6; i++) {
          allowed += Number((await a.tryTake(key, limit)).allowed) + Number((await b.tryTake(key, limit)).allowed)
        }
        expect(allowed).toBe(5)
        await a.report(`${key}_wait`, limit, { wait_ms: 3_000 })
        expect((await b.tryTake(`${key}_wait`, limit)).allowed).toBe(false)
      } finally {
        await a.close()
        await b.close()
      }
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
