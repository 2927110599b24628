import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import ExcelJS from "exceljs"
import { readdirSync } from "node:fs"
import path from "node:path"
import type { MarketplaceModuleService } from "../../src/modules/marketplace"
import { MARKETPLACE_MODULE } from "../../src/modules/marketplace/types"
import { generateExport } from "../../src/lib/export/generate-export"
import { SYNC_LOG_EXPORT_HEADERS } from "../../src/lib/export/sync-log-workbook"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"
import { seedStock, SeededStock } from "../helpers/stock"

jest.setTimeout(180_000)

const sandbox = useSandbox()
const KEY = "sbx-export-test-0001"

type Api = Parameters<Parameters<typeof medusaIntegrationTestRunner>[0]["testSuite"]>[0]["api"]

async function readWorkbook(buffer: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer)
  const sheet = workbook.getWorksheet("Sync Log")!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  const about = new Map<string, string>()
  workbook.getWorksheet("Filter")!.eachRow((row, index) => {
    if (index > 1) {
      about.set(String(row.getCell(1).value), String(row.getCell(2).value))
    }
  })
  return { header: rows[0], rows: rows.slice(1), about }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let stock: SeededStock
    let channelId: string

    const marketplace = () => getContainer().resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const finished = (id: string) =>
      eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/exports/${id}`, auth)
        expect(data.export.status).not.toBe("pending")
        return data.export
      })
    const download = async (client: Api, url: string, headers: Record<string, string>) =>
      client.get(url, { headers, responseType: "arraybuffer" })

    beforeEach(async () => {
      sandbox.store.reset()
      const account = sandbox.store.addAccount({ api_key: KEY, name: "Export seller", locations: [{ code: "EAST" }] })
      sandbox.store.upsertListing(account, { sku: "EX-SHIRT" })
      sandbox.store.upsertListing(account, { sku: "EX-BIKE" })
      auth = await adminHeaders(getContainer(), api)
      stock = await seedStock(getContainer())
      const { data } = await api.post(
        "/admin/marketplace/channels",
        { name: "Export shop", code: "export", provider_id: "sandbox", credentials: { api_key: KEY }, sales_channel_id: stock.salesChannelId },
        auth
      )
      channelId = data.channel.id
    })

    it("exports the Sync Log filter in the background and downloads it as a workbook", async () => {
      await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: channelId, channel_sku: "EX-SHIRT", variant_id: stock.shirt.variantId },
            { channel_id: channelId, channel_sku: "EX-BIKE", variant_id: stock.bike.variantId },
          ],
        },
        auth
      )
      // The first push settles before the edit: a push that starts after the edit would send 7
      // at once and the edit would need no push of its own.
      await eventually(async () => {
        const { data } = await api.get("/admin/marketplace/sync-logs?q=EX-SHIRT&status=success", auth)
        expect(data.count).toBe(1)
      })
      await api.post(`/admin/inventory-items/${stock.shirt.inventoryItemId}/location-levels/${stock.east}`, { stocked_quantity: 7 }, auth)
      const shirtRows = await eventually(async () => {
        const { data } = await api.get("/admin/marketplace/sync-logs?q=EX-SHIRT&status=success", auth)
        expect(data.count).toBe(2)
        return data.sync_logs
      })

      const created = await api.post("/admin/marketplace/exports", { filter: { q: "ex-shirt", status: ["success"] } }, auth)
      expect(created.status).toBe(202)
      expect(created.data.export).toMatchObject({ kind: "sync_log", status: "pending", created_by_email: "admin@marketplace.test" })
      const done = await finished(created.data.export.id)
      expect(done).toMatchObject({ status: "success", row_count: 2, error_message: null })
      expect(done.filename).toMatch(/^sync-log-.*\.xlsx$/)
      expect(done.download_url).toBe(`/admin/marketplace/exports/${done.id}/download`)
      expect(done).not.toHaveProperty("file_key")

      const file = await download(api, done.download_url, auth.headers)
      expect(file.headers["content-type"]).toContain("spreadsheetml")
      expect(file.headers["content-disposition"]).toBe(`attachment; filename="${done.filename}"`)
      const { header, rows, about } = await readWorkbook(file.data)
      expect(header).toEqual(SYNC_LOG_EXPORT_HEADERS)
      expect(rows).toHaveLength(2)
      const column = (name: string) => SYNC_LOG_EXPORT_HEADERS.indexOf(name)
      // Newest first, the same rows the page listed.
      expect(rows.map((r) => r[column("Sync record id")])).toEqual(shirtRows.map((r: { id: string }) => r.id))
      expect(rows.map((r) => r[column("Quantity")])).toEqual([7, 10])
      expect(rows[0]).toEqual(
        expect.arrayContaining(["Success", "Export shop", "SHIRT-M", "EX-SHIRT", "inventory-level.updated"])
      )
      expect(rows[0][column("Date")]).toBeInstanceOf(Date)
      expect(about.get("Status")).toBe("success")
      expect(about.get("Rows")).toBe("2")

      const history = await api.get("/admin/marketplace/exports", auth)
      expect(history.data).toMatchObject({ count: 1, exports: [{ id: done.id, status: "success" }] })
    })

    it("streams a multi-page export of the archive in id order", async () => {
      const total = 2345
      const base = {
        channel_id: channelId,
        listing_id: "mlst_bulk",
        channel_sku: "BULK",
        quantity: 1,
        breakdown: {},
        trigger_event: "test.bulk",
        status: "success" as const,
        archived: true,
      }
      for (let i = 0; i < total; i += 500) {
        await marketplace().createSyncRecords(
          Array.from({ length: Math.min(500, total - i) }, (_, k) => ({ ...base, quantity: i + k }))
        )
      }
      const created = await api.post("/admin/marketplace/exports", { filter: { view: "archive" } }, auth)
      const done = await finished(created.data.export.id)
      expect(done).toMatchObject({ status: "success", row_count: total })
      const { rows } = await readWorkbook((await download(api, done.download_url, auth.headers)).data)
      const ids = rows.map((r) => r[SYNC_LOG_EXPORT_HEADERS.indexOf("Sync record id")] as string)
      expect(ids).toHaveLength(total)
      expect(new Set(ids).size).toBe(total)
      expect([...ids].sort().reverse()).toEqual(ids)
      // The Normal view holds none of them.
      const normal = await api.post("/admin/marketplace/exports", {}, auth)
      expect(await finished(normal.data.export.id)).toMatchObject({ status: "success", row_count: 0 })
    })

    it("refuses bad filters naming the field, and creates nothing", async () => {
      const cases: [unknown, string][] = [
        [{ filter: { status: ["sent"] } }, "status"],
        [{ filter: { created_from: "yesterday" } }, "created_from"],
        [{ filter: { view: "everything" } }, "view"],
        [{ filter: { sku: "x" } }, "sku"],
        [{ kind: "orders" }, "kind"],
        [{ kind: "reconciliation", filter: {} }, "reconciliation_id"],
      ]
      for (const [body, field] of cases) {
        const error = await api.post("/admin/marketplace/exports", body, auth).then(
          () => null,
          (e) => e.response
        )
        expect([field, error?.status]).toEqual([field, 400])
        expect(error.data.message).toContain(field)
      }
      expect((await api.get("/admin/marketplace/exports", auth)).data.count).toBe(0)
    })

    it("downloads only finished exports, needs a session, and fails exports whose process died", async () => {
      const pending = await marketplace().createExportJobs({ kind: "sync_log", filter: {}, filename: "sync-log-x.xlsx" })
      const status = (promise: Promise<unknown>) => promise.then(() => 200, (e) => e.response.status)
      expect(await status(api.get(`/admin/marketplace/exports/${pending.id}/download`, auth))).toBe(409)
      expect(await status(api.get(`/admin/marketplace/exports/mexp_missing/download`, auth))).toBe(404)

      const created = await api.post("/admin/marketplace/exports", {}, auth)
      const done = await finished(created.data.export.id)
      expect(await status(download(api, done.download_url, {}))).toBe(401)

      expect(await marketplace().failStaleExports(new Date())).toBe(0)
      expect(await marketplace().failStaleExports(new Date(Date.now() + 31 * 60_000))).toBe(1)
      expect(await marketplace().retrieveExportJob(pending.id)).toMatchObject({ status: "failed", error_message: expect.any(String) })
      // A started export is not generated a second time.
      expect(await marketplace().claimExport(done.id)).toBe(false)
      expect(await generateExport(getContainer(), done.id)).toEqual({ id: done.id, status: "skipped" })

      // A filter the database refuses (stored by hand: the API never accepts it) fails the
      // export with the reason, offers no download, and leaves no file behind.
      const broken = await marketplace().createExportJobs({ kind: "sync_log", filter: { created_from: "not a date" }, filename: "sync-log-broken.xlsx" })
      expect(await generateExport(getContainer(), broken.id)).toEqual({ id: broken.id, status: "failed" })
      const { data } = await api.get(`/admin/marketplace/exports/${broken.id}`, auth)
      expect(data.export).toMatchObject({ status: "failed", download_url: null, row_count: null, error_message: expect.stringMatching(/.+/) })
      expect(await status(api.get(`/admin/marketplace/exports/${broken.id}/download`, auth))).toBe(409)
      // Medusa's local file provider writes under ./static.
      const leftovers = readdirSync(path.join(process.cwd(), "static")).filter((name) => name.includes("sync-log-broken"))
      expect(leftovers).toEqual([])
    })
  },
})
