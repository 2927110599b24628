import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MarketplaceModuleService } from "../../src/modules/marketplace"
import { MARKETPLACE_MODULE } from "../../src/modules/marketplace/types"
import archiveSyncLog from "../../src/jobs/marketplace-archive-sync-log"
import failureAlerts from "../../src/jobs/marketplace-failure-alerts"
import nightlyResync from "../../src/jobs/marketplace-nightly-resync"
import stockSweep from "../../src/jobs/marketplace-stock-sweep"
import { markStockChangedWorkflow } from "../../src/workflows/marketplace"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"
import { seedStock, SeededStock } from "../helpers/stock"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const KEY = "sbx-sync-test-0001"

const channelStock = (sku: string, location = "EAST") =>
  sandbox.store.accounts.get(KEY)?.listings.get(sku)?.stock.get(location)?.quantity

const pushesOf = (sku: string) =>
  sandbox.requests
    .filter((r) => r.path === "/api/stock/batch")
    .flatMap((r) => ((r.body as { updates?: { sku: string; quantity: number }[] })?.updates ?? []).filter((u) => u.sku === sku))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let auth: { headers: Record<string, string> }
    let stock: SeededStock
    let channelId: string
    let listings: Record<string, string>

    const marketplace = () => getContainer().resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const records = async (listingId: string) =>
      (await marketplace().listSyncRecords({ listing_id: listingId }, { order: { created_at: "ASC" } })) as any[]
    /**
     * The listing's newest sync record once there are more than `before` and the newest reached a
     * final state (the channel answers before the result is written).
     */
    const lastSettled = (listingId: string, before = 1) =>
      eventually(async () => {
        const rows = await records(listingId)
        expect(rows.length).toBeGreaterThan(before)
        expect(["success", "error"]).toContain(rows.at(-1)?.status)
        return rows.at(-1)
      })

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.requests.splice(0)
      sandbox.setFaults({})
      const account = sandbox.store.addAccount({ api_key: KEY, name: "Sync seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
      for (const sku of ["EU-SHIRT", "EU-BIKE"]) {
        sandbox.store.upsertListing(account, { sku })
      }
      auth = await adminHeaders(getContainer(), api)
      stock = await seedStock(getContainer())
      // One number per SKU, from the sales channel's stock locations (east only).
      const { data } = await api.post(
        "/admin/marketplace/channels",
        { name: "Sync", code: "sync", provider_id: "sandbox", credentials: { api_key: KEY }, sales_channel_id: stock.salesChannelId },
        auth
      )
      channelId = data.channel.id
      const created = await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: channelId, channel_sku: "EU-SHIRT", variant_id: stock.shirt.variantId },
            { channel_id: channelId, channel_sku: "EU-BIKE", variant_id: stock.bike.variantId },
          ],
        },
        auth
      )
      listings = Object.fromEntries(created.data.listings.map((l: { channel_sku: string; id: string }) => [l.channel_sku, l.id]))
      // Matching a listing pushes its quantity at once: shirt 10 in east, kit min(6 frames, 9 wheels / 2) = 4.
      await eventually(() => expect([channelStock("EU-SHIRT"), channelStock("EU-BIKE")]).toEqual([10, 4]))
    })

    it("logs the first push of each new listing with its trigger and breakdown", async () => {
      const record = await lastSettled(listings["EU-SHIRT"], 0)
      expect(await records(listings["EU-SHIRT"])).toHaveLength(1)
      expect(record).toMatchObject({
        channel_id: channelId,
        channel_sku: "EU-SHIRT",
        variant_id: stock.shirt.variantId,
        variant_sku: "SHIRT-M",
        quantity: 10,
        trigger_event: "marketplace.listing.created",
        attempts: 1,
        breakdown: expect.objectContaining({ mode: "stock", units: 10, quantity: 10 }),
      })
      // Both listings travelled in one batch call.
      expect(sandbox.requests.filter((r) => r.path === "/api/stock/batch")).toHaveLength(1)
      const { data } = await api.get(`/admin/marketplace/listings/${listings["EU-SHIRT"]}`, auth)
      expect(data.listing).toMatchObject({ desired_quantity: 10, last_pushed_quantity: 10 })
    })

    it("pushes an admin stock-level edit", async () => {
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 7 }, auth)
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(7))
      expect(await lastSettled(listings["EU-SHIRT"])).toMatchObject({ status: "success", quantity: 7, trigger_event: "inventory-level.updated" })
    })

    it("catches stock that moved without any event reaching the plugin at the next stock sweep", async () => {
      // Straight through the inventory module: no workflow runs, so no stock event is emitted.
      const inventory = getContainer().resolve(Modules.INVENTORY)
      await inventory.updateInventoryLevels([{ inventory_item_id: stock.shirt.inventoryItemId, location_id: stock.east, stocked_quantity: 4 }])
      await inventory.createReservationItems([{ inventory_item_id: stock.bike.frameItemId, location_id: stock.east, quantity: 3 }])
      await stockSweep(getContainer())
      // Shirt 4; kit min(6 − 3 frames, 9 wheels / 2) = 3.
      await eventually(() => expect([channelStock("EU-SHIRT"), channelStock("EU-BIKE")]).toEqual([4, 3]))
      expect(await lastSettled(listings["EU-SHIRT"])).toMatchObject({ status: "success", quantity: 4, trigger_event: "scheduled.stock_sweep" })
      expect(await lastSettled(listings["EU-BIKE"])).toMatchObject({ status: "success", quantity: 3, trigger_event: "scheduled.stock_sweep" })
      const [cursor] = await marketplace().listSyncCursors({ id: "stock-sweep" })
      expect(new Date(cursor.position).getTime()).toBeGreaterThan(Date.now() - 60_000)

      // The next sweep starts from the stored cursor and still sees changes made after it.
      await inventory.updateInventoryLevels([{ inventory_item_id: stock.shirt.inventoryItemId, location_id: stock.east, stocked_quantity: 2 }])
      await stockSweep(getContainer())
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(2))
    })

    it("pushes a reservation's lower quantity and the quantity back when it is deleted, kits included", async () => {
      const { data } = await api.post(
        "/admin/reservations",
        { inventory_item_id: stock.bike.wheelItemId, location_id: stock.east, quantity: 5 },
        auth
      )
      // 9 wheels − 5 reserved = 4 → 2 kits.
      await eventually(() => expect(channelStock("EU-BIKE")).toBe(2))
      expect(await lastSettled(listings["EU-BIKE"], 1)).toMatchObject({ status: "success", trigger_event: "reservation-item.created", quantity: 2 })
      await api.delete(`/admin/reservations/${data.reservation.id}`, auth)
      await eventually(() => expect(channelStock("EU-BIKE")).toBe(4))
      // The shirt does not use wheels: not pushed again.
      expect(pushesOf("EU-SHIRT")).toHaveLength(1)
    })

    it("never pushes a listing or a channel with stock updates disabled, and catches up when re-enabled", async () => {
      await api.post(`/admin/marketplace/listings/${listings["EU-SHIRT"]}`, { sync_enabled: false, disabled_reason: "manual" }, auth)
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 3 }, auth)
      await api.post(`/admin/marketplace/channels/${channelId}`, { sync_enabled: false, disabled_reason: "maintenance" }, auth)
      await api.post(`/admin/inventory-items/${stock.bike.frameItemId}/location-levels/${stock.east}`, { stocked_quantity: 1 }, auth)
      // The subscribers mark after the API answered: wait until both marks are known to have run
      // (still computed and shown), then give every push a chance before asserting none came.
      await eventually(async () => {
        const [shirt, bike] = await Promise.all(
          ["EU-SHIRT", "EU-BIKE"].map(async (sku) => (await api.get(`/admin/marketplace/listings/${listings[sku]}`, auth)).data.listing)
        )
        expect([shirt.desired_quantity, bike.desired_quantity]).toEqual([3, 1])
        expect([shirt.last_pushed_quantity, bike.last_pushed_quantity]).toEqual([10, 4])
      })
      await marketplace().flushNow()
      expect(pushesOf("EU-SHIRT").map((u) => u.quantity)).toEqual([10])
      expect(pushesOf("EU-BIKE").map((u) => u.quantity)).toEqual([4])

      await api.post(`/admin/marketplace/channels/${channelId}`, { sync_enabled: true, disabled_reason: null }, auth)
      await eventually(() => expect(channelStock("EU-BIKE")).toBe(1))
      expect(channelStock("EU-SHIRT")).toBe(10)
      await api.post(`/admin/marketplace/listings/${listings["EU-SHIRT"]}`, { sync_enabled: true, disabled_reason: null }, auth)
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(3))
    })

    it("turns stock updates off with the reason SKU mismatch when a listing is unmatched, and back on when matched", async () => {
      const { data } = await api.post(`/admin/marketplace/listings/${listings["EU-SHIRT"]}`, { variant_id: null }, auth)
      expect(data.listing).toMatchObject({ variant_id: null, sync_enabled: false, disabled_reason: "sku_mismatch" })
      // The update's mark ran inside the request; flushing now pushes whatever it made due.
      await marketplace().flushNow()
      expect(pushesOf("EU-SHIRT").map((u) => u.quantity)).toEqual([10])
      expect(channelStock("EU-SHIRT")).toBe(10)
      const targets = await marketplace().listListingTargets({ listing_id: listings["EU-SHIRT"] })
      expect(targets.map((t) => t.due_at)).toEqual([null])

      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 6 }, auth)
      const matched = await api.post(`/admin/marketplace/listings/${listings["EU-SHIRT"]}`, { variant_id: stock.shirt.variantId }, auth)
      expect(matched.data.listing).toMatchObject({ sync_enabled: true, disabled_reason: null })
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(6))
    })

    it("retries a 5xx and a malformed answer, then succeeds on the same sync record", async () => {
      sandbox.setFaults({ queue: [{ type: "status", status: 503 }, { type: "malformed" }] })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 8 }, auth)
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(8))
      expect(await lastSettled(listings["EU-SHIRT"])).toMatchObject({ status: "success", quantity: 8, attempts: 3 })
      expect(sandbox.requests.filter((r) => r.path === "/api/stock/batch").map((r) => r.status).slice(-3)).toEqual([503, 200, 200])
    })

    it("waits as long as a 429's Retry-After says", async () => {
      sandbox.setFaults({ queue: [{ type: "rate_limit", retry_after_s: 2 }] })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 6 }, auth)
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(6))
      const [limited, retried] = sandbox.requests.filter((r) => r.path === "/api/stock/batch").slice(-2)
      expect(limited.status).toBe(429)
      expect(retried.at - limited.at).toBeGreaterThanOrEqual(2_000)
      expect(await lastSettled(listings["EU-SHIRT"])).toMatchObject({ status: "success", attempts: 2 })
    })

    it("puts a rejection in Error with the channel's code and message, without retrying", async () => {
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "EU-SHIRT", status: "locked" })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 5 }, auth)
      expect(await lastSettled(listings["EU-SHIRT"])).toMatchObject({ quantity: 5, error_code: "LISTING_LOCKED", error_message: "Quantity is locked by an active promotion", attempts: 1 })
      await marketplace().flushNow()
      expect(pushesOf("EU-SHIRT").map((u) => u.quantity)).toEqual([10, 5])
      expect(channelStock("EU-SHIRT")).toBe(10)
    })

    it("lists the Sync Log with its filters and status counts, and refuses bad filters naming the field", async () => {
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "EU-SHIRT", status: "locked" })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 5 }, auth)
      await lastSettled(listings["EU-SHIRT"])

      const { data } = await api.get("/admin/marketplace/sync-logs", auth)
      expect(data).toMatchObject({ count: 3, offset: 0, limit: 50, status_counts: { in_process: 0, submitted: 0, success: 2, error: 1 } })
      expect(data.sync_logs[0]).toMatchObject({ channel_sku: "EU-SHIRT", status: "error", channel: { id: channelId, name: "Sync", code: "sync" } })
      const errors = await api.get("/admin/marketplace/sync-logs?status=error", auth)
      expect(errors.data.sync_logs.map((r: any) => r.error_code)).toEqual(["LISTING_LOCKED"])
      const bySku = await api.get("/admin/marketplace/sync-logs?q=bike-kit", auth)
      expect(bySku.data.sync_logs.map((r: any) => r.channel_sku)).toEqual(["EU-BIKE"])
      const future = await api.get(`/admin/marketplace/sync-logs?created_from=${new Date(Date.now() + 60_000).toISOString()}`, auth)
      expect(future.data.count).toBe(0)
      expect((await api.get("/admin/marketplace/sync-logs?view=archive", auth)).data.count).toBe(0)

      const bad = await api.get("/admin/marketplace/sync-logs?status=done", auth).catch((e) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("status")
      const badDate = await api.get("/admin/marketplace/sync-logs?created_to=yesterday", auth).catch((e) => e.response)
      expect([badDate.status, badDate.data.message]).toEqual([400, expect.stringContaining("created_to")])
      const badBody = await api.post("/admin/marketplace/sync-logs/force-push", { ids: [] }, auth).catch((e) => e.response)
      expect(badBody.status).toBe(400)
    })

    it("force-pushes errored rows by id and by filter: they leave Error and the newest quantity is pushed", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      sandbox.store.upsertListing(account, { sku: "EU-SHIRT", status: "locked" })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 5 }, auth)
      const failed = await lastSettled(listings["EU-SHIRT"])
      expect(failed.status).toBe("error")
      // Another pass over the listing (the minute's stock sweep, say) meets the lock again: a
      // second Error row for the same listing.
      await markStockChangedWorkflow(getContainer()).run({ input: { trigger: { event: "test.sweep" }, listing_ids: [listings["EU-SHIRT"]], stock_moved: true } })
      const again = await lastSettled(listings["EU-SHIRT"], 2)
      expect(again).toMatchObject({ status: "error", error_code: "LISTING_LOCKED" })

      // The seller lifts the promotion lock; Force Push of one row deals with the listing's
      // every Error row, since the listing is pushed again as a whole.
      sandbox.store.upsertListing(account, { sku: "EU-SHIRT", status: "active" })
      const { data } = await api.post("/admin/marketplace/sync-logs/force-push", { ids: [failed.id] }, auth)
      expect(data).toEqual({ queued: 1, listing_ids: [listings["EU-SHIRT"]] })
      await eventually(() => expect(channelStock("EU-SHIRT")).toBe(5))
      expect(await lastSettled(listings["EU-SHIRT"], 3)).toMatchObject({ status: "success", quantity: 5, trigger_event: "manual.force_push" })
      const normal = await api.get("/admin/marketplace/sync-logs?status=error", auth)
      expect(normal.data.count).toBe(0)
      const archive = await api.get("/admin/marketplace/sync-logs?view=archive", auth)
      expect(archive.data.sync_logs.map((r: any) => [r.id, r.status])).toEqual([[again.id, "error"], [failed.id, "error"]])

      // By filter: every errored row of the channel.
      sandbox.store.upsertListing(account, { sku: "EU-BIKE", status: "locked" })
      await api.post(`/admin/inventory-items/${stock.bike.frameItemId}/location-levels/${stock.east}`, { stocked_quantity: 2 }, auth)
      expect((await lastSettled(listings["EU-BIKE"])).status).toBe("error")
      sandbox.store.upsertListing(account, { sku: "EU-BIKE", status: "active" })
      const byFilter = await api.post("/admin/marketplace/sync-logs/force-push", { filter: { channel_id: channelId } }, auth)
      expect(byFilter.data).toEqual({ queued: 1, listing_ids: [listings["EU-BIKE"]] })
      await eventually(() => expect(channelStock("EU-BIKE")).toBe(2))
    })

    it("syncs a listing or a whole channel now, even when the channel was told the same quantity", async () => {
      const before = pushesOf("EU-SHIRT").length
      expect((await api.post(`/admin/marketplace/listings/${listings["EU-SHIRT"]}/sync`, {}, auth)).data).toEqual({ due: 1 })
      await eventually(() => expect(pushesOf("EU-SHIRT")).toHaveLength(before + 1))
      expect(await lastSettled(listings["EU-SHIRT"], 1)).toMatchObject({ status: "success", quantity: 10, trigger_event: "manual.sync_now" })
      expect((await api.post(`/admin/marketplace/channels/${channelId}/sync`, {}, auth)).data).toEqual({ due: 2 })
      await eventually(() => expect(pushesOf("EU-BIKE")).toHaveLength(2))
      const missing = await api.post("/admin/marketplace/listings/mlst_missing/sync", {}, auth).catch((e) => e.response)
      expect(missing.status).toBe(404)
    })

    it("shows a variant's listings with their sync state for the variant widget", async () => {
      await lastSettled(listings["EU-SHIRT"], 0)
      const { data } = await api.get(`/admin/marketplace/listings?variant_id=${stock.shirt.variantId}&include_quantity=true&include_sync=true`, auth)
      expect(data.listings).toHaveLength(1)
      expect(data.listings[0]).toMatchObject({
        channel: { id: channelId, name: "Sync", code: "sync" },
        preview_quantity: 10,
        sync: {
          desired_quantity: 10,
          last_pushed_quantity: 10,
          due: false,
          last_record: { status: "success", quantity: 10 },
          targets: [{ location_code: null, desired_quantity: 10, last_pushed_quantity: 10, due: false }],
        },
      })
    })

    it("re-pushes every night only the listings whose stock moved in the last 48 hours", async () => {
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 9 }, auth)
      await api.post(`/admin/inventory-items/${stock.bike.frameItemId}/location-levels/${stock.east}`, { stocked_quantity: 3 }, auth)
      await eventually(() => expect([channelStock("EU-SHIRT"), channelStock("EU-BIKE")]).toEqual([9, 3]))
      await dbConnection.raw(`UPDATE mkt_listing_target SET stock_moved_at = now() - interval '3 days' WHERE listing_id = ?`, [listings["EU-BIKE"]])
      const [shirtPushes, bikePushes] = [pushesOf("EU-SHIRT").length, pushesOf("EU-BIKE").length]

      await nightlyResync(getContainer())
      await marketplace().flushNow()
      expect(pushesOf("EU-SHIRT")).toHaveLength(shirtPushes + 1)
      expect(pushesOf("EU-BIKE")).toHaveLength(bikePushes)
      expect(await lastSettled(listings["EU-SHIRT"], 2)).toMatchObject({ status: "success", quantity: 9, trigger_event: "scheduled.nightly_resync" })
    })

    it("archives final rows after a week and prunes the archive after its retention", async () => {
      await lastSettled(listings["EU-SHIRT"], 0)
      await lastSettled(listings["EU-BIKE"], 0)
      await dbConnection.raw(`UPDATE mkt_sync_record SET created_at = now() - interval '8 days' WHERE listing_id = ?`, [listings["EU-SHIRT"]])
      await archiveSyncLog(getContainer())
      expect((await api.get("/admin/marketplace/sync-logs?view=archive", auth)).data.sync_logs.map((r: any) => r.channel_sku)).toEqual(["EU-SHIRT"])
      expect((await api.get("/admin/marketplace/sync-logs", auth)).data.sync_logs.map((r: any) => r.channel_sku)).toEqual(["EU-BIKE"])
      await dbConnection.raw(`UPDATE mkt_sync_record SET created_at = now() - interval '91 days' WHERE listing_id = ?`, [listings["EU-SHIRT"]])
      await archiveSyncLog(getContainer())
      expect((await api.get("/admin/marketplace/sync-logs?view=archive", auth)).data.count).toBe(0)
    })

    it("tells admins once, in the notification feed, when a channel keeps failing", async () => {
      const notifications = () => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ channel: "feed" })
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "EU-SHIRT", status: "locked" })
      for (const [level, before] of [[5, 1], [6, 2]]) {
        await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: level }, auth)
        expect((await lastSettled(listings["EU-SHIRT"], before)).status).toBe("error")
      }
      await failureAlerts(getContainer())
      expect(await notifications()).toEqual([])

      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 7 }, auth)
      expect((await lastSettled(listings["EU-SHIRT"], 3)).status).toBe("error")
      await failureAlerts(getContainer())
      await failureAlerts(getContainer())
      const sent = await notifications()
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ template: "admin-ui", data: { title: "Stock sync failing on Sync" } })
      expect((sent[0].data as { description: string }).description).toContain("3 pushes to Sync (sync) failed since the last alert; latest: LISTING_LOCKED")
    })
  },
})
