import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import ExcelJS from "exceljs"
import { RECONCILIATION_EXPORT_HEADERS } from "../../src/lib/export/reconciliation-workbook"
import type { MarketplaceModuleService } from "../../src/modules/marketplace"
import { MARKETPLACE_MODULE } from "../../src/modules/marketplace/types"
import scheduledReconciliation from "../../src/jobs/marketplace-scheduled-reconciliation"
import failStaleWork from "../../src/jobs/marketplace-stale-exports"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"
import { seedStock, SeededStock } from "../helpers/stock"

jest.setTimeout(180_000)

const sandbox = useSandbox()
const KEY = "sbx-reconcile-test-0001"
// medusa-config.ts then also registers "sandbox-limited": no read-back, no forced updates.
process.env.SANDBOX_LIMITED_PROVIDER = "1"
// Our pushes in these tests are seconds old: no echo window, so a later edit counts as drift at once.
process.env.MARKETPLACE_ECHO_WINDOW_SECONDS = "0"
// Scheduled runs heal drift of 2 units or more.
process.env.MARKETPLACE_AUTO_HEAL_THRESHOLD = "2"

type Row = { channel_sku: string; location_code: string | null; status: string; sellable: number | null; channel_quantity: number | null; delta: number | null }

const view = (rows: Row[]) =>
  rows
    .map((r) => `${r.channel_sku}@${r.location_code}: ${r.status} ours=${r.sellable} channel=${r.channel_quantity} delta=${r.delta}`)
    .sort()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let auth: { headers: Record<string, string> }
    let stock: SeededStock
    let channelId: string
    let locations: Record<string, string>

    const channelStock = (sku: string, location: string) => sandbox.store.accounts.get(KEY)?.listings.get(sku)?.stock.get(location)?.quantity
    const generate = async (body: Record<string, unknown> = {}) => {
      const { data } = await api.post("/admin/marketplace/reconciliations", { channel_id: channelId, ...body }, auth)
      return eventually(async () => {
        const { data: done } = await api.get(`/admin/marketplace/reconciliations/${data.reconciliation.id}?limit=100`, auth)
        expect(done.reconciliation.status).not.toMatch(/pending|running/)
        return done
      })
    }

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.setFaults({})
      const account = sandbox.store.addAccount({ api_key: KEY, name: "Reconcile seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
      for (const sku of ["EU-SHIRT", "EU-BIKE", "EU-LOOSE", "EU-OFF"]) {
        sandbox.store.upsertListing(account, { sku })
      }
      auth = await adminHeaders(getContainer(), api)
      stock = await seedStock(getContainer())
      const { data } = await api.post(
        "/admin/marketplace/channels",
        {
          name: "Reconcile", code: "reconcile", provider_id: "sandbox", credentials: { api_key: KEY },
          locations: [
            { external_id: "EAST", code: "EAST", stock_location_ids: [stock.east] },
            { external_id: "WEST", code: "WEST", stock_location_ids: [stock.west] },
          ],
        },
        auth
      )
      channelId = data.channel.id
      locations = Object.fromEntries(data.channel.locations.map((l: { code: string; id: string }) => [l.code, l.id]))
      await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: channelId, channel_sku: "EU-SHIRT", variant_id: stock.shirt.variantId },
            { channel_id: channelId, channel_sku: "EU-BIKE", variant_id: stock.bike.variantId },
            { channel_id: channelId, channel_sku: "EU-LOOSE" },
            { channel_id: channelId, channel_sku: "EU-OFF", variant_id: stock.shirt.variantId, sync_enabled: false, disabled_reason: "manual" },
          ],
        },
        auth
      )
      // Shirt: 10 east, 4 west. Kit: 4 east, none west.
      await eventually(() =>
        expect([channelStock("EU-SHIRT", "EAST"), channelStock("EU-SHIRT", "WEST"), channelStock("EU-BIKE", "EAST"), channelStock("EU-BIKE", "WEST")]).toEqual([10, 4, 4, 0])
      )
      // And their results are written (the channel answers first): what we last pushed is known.
      await eventually(async () => {
        const { data } = await api.get("/admin/marketplace/sync-logs?status=success", auth)
        expect(data.count).toBe(4)
      })
    })

    it("shows a manual edit on the marketplace as a mismatch with its delta, per location", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "WEST", 7)

      const done = await generate()
      expect(done.reconciliation).toMatchObject({ status: "success", total: 4, processed: 4, progress: 1, trigger: "manual", error_message: null })
      // The edit is also drift: the channel changed since our last write.
      expect(done.reconciliation.counts).toEqual({ match: 3, mismatch: 1, not_matched: 2, disabled: 2, drift: 1 })
      expect(view(done.rows)).toEqual([
        "EU-BIKE@EAST: match ours=4 channel=4 delta=0",
        "EU-BIKE@WEST: match ours=0 channel=0 delta=0",
        "EU-LOOSE@EAST: not_matched ours=null channel=null delta=null",
        "EU-LOOSE@WEST: not_matched ours=null channel=null delta=null",
        // Never pushed (stock updates off): compared, and the channel has nothing.
        "EU-OFF@EAST: disabled ours=10 channel=null delta=null",
        "EU-OFF@WEST: disabled ours=4 channel=null delta=null",
        "EU-SHIRT@EAST: match ours=10 channel=10 delta=0",
        "EU-SHIRT@WEST: mismatch ours=4 channel=7 delta=-3",
      ])
      const shirtWest = done.rows.find((r: Row) => r.channel_sku === "EU-SHIRT" && r.location_code === "WEST")
      expect(shirtWest).toMatchObject({ variant_sku: "SHIRT-M", stocked: 4, reserved: 0, location_external_id: "WEST", channel_location_id: locations.WEST })
      expect(shirtWest.product_title).toContain("Shirt")

      const { data } = await api.get(`/admin/marketplace/reconciliations/${done.reconciliation.id}?status=mismatch`, auth)
      expect(data.count).toBe(1)
      expect(data.rows[0]).toMatchObject({ channel_sku: "EU-SHIRT", location_code: "WEST", delta: -3 })
      const list = await api.get(`/admin/marketplace/reconciliations?channel_id=${channelId}`, auth)
      expect(list.data).toMatchObject({ count: 1, reconciliations: [{ id: done.reconciliation.id, status: "success" }] })
    })

    it("exports the run's current view to a workbook through the Export History", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "WEST", 7)
      const run = await generate()
      const { data } = await api.post(
        "/admin/marketplace/exports",
        { kind: "reconciliation", filter: { reconciliation_id: run.reconciliation.id, status: ["mismatch", "match"] } },
        auth
      )
      expect(data.export).toMatchObject({ kind: "reconciliation", status: "pending" })
      expect(data.export.filename).toMatch(/^reconciliation-.*\.xlsx$/)
      const done = await eventually(async () => {
        const { data: polled } = await api.get(`/admin/marketplace/exports/${data.export.id}`, auth)
        expect(polled.export.status).toBe("success")
        return polled.export
      })
      expect(done.row_count).toBe(4)
      const file = await api.get(done.download_url, { ...auth, responseType: "arraybuffer" })
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(file.data)
      const sheet = workbook.getWorksheet("Reconciliation")!
      const rows: unknown[][] = []
      sheet.eachRow((row, index) => index > 1 && rows.push((row.values as unknown[]).slice(1)))
      const col = (name: string) => RECONCILIATION_EXPORT_HEADERS.indexOf(name)
      expect(rows.map((r) => `${r[col("Channel SKU")]}@${r[col("Location")]} ${r[col("Status")]} ${r[col("Delta")]}`).sort()).toEqual([
        "EU-BIKE@EAST Match 0",
        "EU-BIKE@WEST Match 0",
        "EU-SHIRT@EAST Match 0",
        "EU-SHIRT@WEST Mismatch -3",
      ])
      // An unknown run is refused at once.
      const missing = await api
        .post("/admin/marketplace/exports", { kind: "reconciliation", filter: { reconciliation_id: "mrec_nope" } }, auth)
        .catch((e) => e.response)
      expect(missing.status).toBe(404)
    })

    it("reconciles only the chosen locations", async () => {
      const done = await generate({ location_ids: [locations.WEST] })
      expect(new Set(done.rows.map((r: Row) => r.location_code))).toEqual(new Set(["WEST"]))
      expect(done.count).toBe(4)
      expect(done.reconciliation.channel_location_ids).toEqual([locations.WEST])
    })

    it("fails the run with the channel's message when the channel cannot be read", async () => {
      sandbox.setFaults({ error_rate: 1 })
      const done = await generate()
      expect(done.reconciliation.status).toBe("failed")
      // The sandbox's own code and message for its simulated outage.
      expect(done.reconciliation.error_message).toBe("SERVICE_UNAVAILABLE: Simulated outage")
      expect(done.count).toBe(0)
    })

    it("fails a run whose process died (running without progress, or never started), and leaves live runs alone", async () => {
      const service = getContainer().resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
      const live = (await generate()).reconciliation
      const [dead, lost] = await service.createReconciliations([
        { channel_id: channelId, status: "running", started_at: new Date() },
        { channel_id: channelId, status: "pending" },
      ])
      await dbConnection.raw(`update mkt_reconciliation set updated_at = now() - interval '20 minutes' where id = ?`, [dead.id])
      await dbConnection.raw(`update mkt_reconciliation set created_at = now() - interval '40 minutes' where id = ?`, [lost.id])
      await failStaleWork(getContainer())
      const after = await service.listReconciliations({ id: [live.id, dead.id, lost.id] })
      const status = Object.fromEntries(after.map((r) => [r.id, [r.status, r.error_message]]))
      expect(status[live.id]).toEqual(["success", null])
      expect(status[dead.id]).toEqual(["failed", "the run stopped before it finished (its process ended)"])
      expect(status[lost.id]).toEqual(["failed", "the run stopped before it finished (its process ended)"])
    })

    it("refuses bad requests naming the field, and starts nothing", async () => {
      const fail = (body: unknown) =>
        api.post("/admin/marketplace/reconciliations", body, auth).then(
          () => null,
          (e) => e.response as { status: number; data: { message: string } }
        )
      const foreign = await fail({ channel_id: channelId, location_ids: ["mcloc_elsewhere"] })
      expect([foreign?.status, foreign?.data.message]).toEqual([400, expect.stringContaining("location_ids")])
      const missing = await fail({ location_ids: [] })
      expect([missing?.status, missing?.data.message]).toEqual([400, expect.stringContaining("channel_id")])
      const unknown = await fail({ channel_id: "mch_nope" })
      expect(unknown?.status).toBe(404)
      const extra = await fail({ channel_id: channelId, locations: ["x"] })
      expect([extra?.status, extra?.data.message]).toEqual([400, expect.stringContaining("locations")])
      expect((await api.get("/admin/marketplace/reconciliations", auth)).data.count).toBe(0)
    })

    it("Force Reconcile makes the channel adopt our quantities through the Sync Log, then cools down", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "WEST", 7)
      sandbox.store.setQuantity(account.listings.get("EU-BIKE")!, "EAST", 1)
      expect((await generate()).reconciliation.counts).toMatchObject({ mismatch: 2 })

      const { data: forced } = await api.post("/admin/marketplace/reconciliations/force", { channel_id: channelId }, auth)
      // Every matched listing's targets are pushed again, the disabled one included in the count but never sent.
      expect(forced).toMatchObject({ channel_id: channelId, listings: 3 })
      await eventually(() => expect([channelStock("EU-SHIRT", "WEST"), channelStock("EU-BIKE", "EAST")]).toEqual([4, 4]))
      expect(channelStock("EU-OFF", "EAST")).toBeUndefined()
      await eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/sync-logs?q=EU-SHIRT&status=success`, auth)
        expect(data.sync_logs.filter((r: { trigger_event: string }) => r.trigger_event === "force_reconcile")).toHaveLength(2)
      })
      const after = await generate()
      expect(after.reconciliation.counts).toEqual({ match: 4, not_matched: 2, disabled: 2 })

      // A second attempt inside the cooldown is refused with when it is allowed again.
      const refused = await api.post("/admin/marketplace/reconciliations/force", { channel_id: channelId }, auth).catch((e) => e.response)
      expect(refused.status).toBe(429)
      expect(refused.data.message).toMatch(/cooling down \(15 minutes\); allowed again at \d{4}-/)
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(800)
    })

    it("Force Reconciles only chosen rows, and refuses channels that cannot take it", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "WEST", 7)
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "EAST", 9)
      const run = await generate()
      const west = run.rows.find((r: Row & { id: string }) => r.channel_sku === "EU-SHIRT" && r.location_code === "WEST")
      const { data } = await api.post("/admin/marketplace/reconciliations/force", { row_ids: [west.id] }, auth)
      expect(data).toMatchObject({ listings: 1, due: 1 })
      await eventually(() => expect(channelStock("EU-SHIRT", "WEST")).toBe(4))
      // The other location of the same listing was not chosen: left as the seller edited it.
      await getContainer().resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).flushNow()
      expect(channelStock("EU-SHIRT", "EAST")).toBe(9)

      const limited = await api.post(
        "/admin/marketplace/channels",
        { name: "Limited", code: "limited", provider_id: "sandbox-limited", credentials: { api_key: KEY } },
        auth
      )
      const refusals = await Promise.all([
        api.post("/admin/marketplace/reconciliations/force", { channel_id: limited.data.channel.id }, auth).catch((e) => e.response),
        api.post("/admin/marketplace/reconciliations", { channel_id: limited.data.channel.id }, auth).catch((e) => e.response),
      ])
      expect(refusals.map((r) => [r.status, r.data.message])).toEqual([
        [400, expect.stringContaining('provider "sandbox-limited" cannot take forced updates')],
        [400, expect.stringContaining('provider "sandbox-limited" cannot read quantities back')],
      ])
    })

    it("records a marketplace edit as drift with before and after, not our own push on its way, and heals it when scheduled", async () => {
      const account = sandbox.store.accounts.get(KEY)!
      // Drift: the seller sets 7 where we told 4.
      sandbox.store.setQuantity(account.listings.get("EU-SHIRT")!, "WEST", 7)
      // Not drift: our own new quantity for the kit is held back by the channel (429, retry in 30 s).
      sandbox.setFaults({ queue: [{ type: "rate_limit", retry_after_s: 30 }] })
      await api.post(`/admin/inventory-items/${stock.bike.frameItemId}/location-levels/${stock.east}`, { stocked_quantity: 2 }, auth)
      await eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/sync-logs?q=EU-BIKE`, auth)
        expect(data.sync_logs[0]).toMatchObject({ error_code: "RATE_LIMITED", status: "in_process" })
      })

      const manual = await generate()
      const byKey = (rows: (Row & { drift: boolean; last_pushed_quantity: number | null })[], sku: string, location: string) =>
        rows.find((r) => r.channel_sku === sku && r.location_code === location)!
      expect(byKey(manual.rows, "EU-SHIRT", "WEST")).toMatchObject({ status: "mismatch", drift: true, last_pushed_quantity: 4, channel_quantity: 7 })
      expect(byKey(manual.rows, "EU-BIKE", "EAST")).toMatchObject({ status: "mismatch", drift: false, last_pushed_quantity: 4, channel_quantity: 4, sellable: 2 })
      expect(manual.reconciliation.counts).toMatchObject({ mismatch: 2, drift: 1 })
      // A manual run records drift; it does not heal it.
      await getContainer().resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).flushNow()
      expect(channelStock("EU-SHIRT", "WEST")).toBe(7)
      // The 429 paused the whole channel for 30 s (every instance waits it out); the
      // marketplace's throttle window ends here, so that the heal below need not wait that long.
      await dbConnection.raw(`DELETE FROM mkt_rate_limit`)

      await scheduledReconciliation(getContainer())
      const scheduled = await eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/reconciliations?channel_id=${channelId}&limit=1`, auth)
        expect(data.reconciliations[0]).toMatchObject({ trigger: "scheduled", status: "success" })
        return data.reconciliations[0]
      })
      expect(scheduled.counts).toMatchObject({ drift: 1 })
      // Healed through the Sync Log: |−3| reaches the threshold of 2.
      await eventually(() => expect(channelStock("EU-SHIRT", "WEST")).toBe(4))
      // The channel answers before the result is written: wait for the logged success.
      await eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/sync-logs?q=EU-SHIRT&status=success`, auth)
        expect(data.sync_logs[0]).toMatchObject({ trigger_event: "reconcile.auto_heal", trigger_id: scheduled.id, location_code: "WEST" })
      })
    })
  },
})
