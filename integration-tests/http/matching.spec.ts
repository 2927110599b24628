import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import ExcelJS from "exceljs"
import { seedStore } from "../../dev/seed-demo"
import type { MarketplaceModuleService } from "../../src/modules/marketplace"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(240_000)

const sandbox = useSandbox()
const KEY = "matching-key-0001"
const VALID_EAN = "4006381333931"
const WRONG_CHECK_DIGIT = "4006381333932"

/** Catalogue import, the matcher's rules, manual and bulk matching, and "why isn't this syncing". */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let channelId: string
    let variant: (sku: string) => string
    const listingBySku = async (sku: string) => {
      const { data } = await api.get(`/admin/marketplace/listings?channel_id=${channelId}&channel_sku=${encodeURIComponent(sku)}`, auth)
      return data.listings[0]
    }
    const why = async (listingId: string) => (await api.get(`/admin/marketplace/listings/${listingId}/why`, auth)).data.causes as { code: string; detail: string; data?: any }[]

    beforeEach(async () => {
      sandbox.store.reset()
      const container = getContainer()
      auth = await adminHeaders(container, api)
      await seedStore(container)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "sku", "product_id"] })
      variant = (sku) => variants.find((v: any) => v.sku === sku).id
      const setBarcode = async (sku: string, barcode: string) => {
        const v = variants.find((x: any) => x.sku === sku)
        await api.post(`/admin/products/${v.product_id}/variants/${v.id}`, { barcode }, auth)
      }
      await setBarcode("SWEAT-L", VALID_EAN)
      await setBarcode("TSHIRT-L", WRONG_CHECK_DIGIT)

      const account = sandbox.store.addAccount({ api_key: KEY, name: "Matching" })
      const catalogue = [
        { sku: "TSHIRT-S", product_id: "P-TS" },
        { sku: " tshirt m " },
        { sku: "Sweat_M" },
        { sku: "EAN-ITEM", gtin: VALID_EAN },
        { sku: "BAD-GTIN-ITEM", gtin: WRONG_CHECK_DIGIT },
        { sku: "VARIATION-2", product_id: "P-OLD" },
        { sku: "SWEAT-M", status: "banned" },
        { sku: "BIKE-KIT", status: "locked" },
        { sku: "TSHIRT-XL" },
      ]
      catalogue.forEach((entry) => sandbox.store.upsertListing(account, entry))
      const { data } = await api.post("/admin/marketplace/channels", { name: "Matching", code: "matching", provider_id: "sandbox", credentials: { api_key: KEY } }, auth)
      channelId = data.channel.id
      // A listing matched earlier, whose channel product id another entry shares.
      sandbox.store.upsertListing(account, { sku: "OLD-SHIRT", product_id: "P-OLD" })
      await api.post("/admin/marketplace/listings", { channel_id: channelId, channel_sku: "OLD-SHIRT", channel_product_id: "P-OLD", variant_id: variant("TSHIRT-S") }, auth)
    })

    it("imports the catalogue and matches by each rule with its reason and confidence, applying only full confidence", async () => {
      const { data } = await api.post(`/admin/marketplace/channels/${channelId}/catalogue-import`, {}, auth)
      expect(data.summary).toMatchObject({ entries: 10, created: 9, matched: 4, suggested: 3, unmatched: 2 })

      expect(await listingBySku("TSHIRT-S")).toMatchObject({ variant_id: variant("TSHIRT-S"), sync_enabled: true, channel_product_id: "P-TS" })
      expect(await listingBySku("VARIATION-2")).toMatchObject({ variant_id: variant("TSHIRT-S"), sync_enabled: true })
      const normalized = await listingBySku(" tshirt m ")
      expect(normalized).toMatchObject({ variant_id: null, sync_enabled: false, disabled_reason: "sku_mismatch" })
      expect(normalized.match_suggestion).toMatchObject({ variant_id: variant("TSHIRT-M"), rule: "normalized_sku", confidence: 0.9 })
      expect((await listingBySku("Sweat_M")).match_suggestion).toMatchObject({ variant_id: variant("SWEAT-M"), rule: "normalized_sku" })
      const byGtin = await listingBySku("EAN-ITEM")
      expect(byGtin.match_suggestion).toMatchObject({ variant_id: variant("SWEAT-L"), rule: "gtin", confidence: 0.95 })
      expect(byGtin.match_suggestion.reason).toContain(VALID_EAN)
      // A GTIN with a wrong check digit is no GTIN: refused, even though a variant holds the same digits.
      expect(await listingBySku("BAD-GTIN-ITEM")).toMatchObject({ variant_id: null, match_suggestion: null, disabled_reason: "sku_mismatch" })
      // Matched, but the channel's status keeps stock updates off, with the channel's reason.
      expect(await listingBySku("SWEAT-M")).toMatchObject({ variant_id: variant("SWEAT-M"), sync_enabled: false, disabled_reason: "channel_banned", channel_status: "banned" })
      expect(await listingBySku("BIKE-KIT")).toMatchObject({ variant_id: variant("BIKE-KIT"), sync_enabled: false, disabled_reason: "promo_locked" })
      // Exact matches were pushed at once.
      await eventually(() => expect(sandbox.store.accounts.get(KEY)!.listings.get("TSHIRT-S")!.stock.get("default")?.quantity).toBe(15))

      // Bulk accept of two suggestions turns them on.
      await api.post("/admin/marketplace/listings/match", {
        matches: [normalized, byGtin].map((l) => ({ listing_id: l.id, variant_id: l.match_suggestion.variant_id })),
      }, auth)
      expect(await listingBySku(" tshirt m ")).toMatchObject({ variant_id: variant("TSHIRT-M"), sync_enabled: true, disabled_reason: null, match_suggestion: null })
      expect(await listingBySku("EAN-ITEM")).toMatchObject({ variant_id: variant("SWEAT-L"), sync_enabled: true })

      // The channel lifts the ban: the next import turns the listing back on.
      sandbox.store.upsertListing(sandbox.store.accounts.get(KEY)!, { sku: "SWEAT-M", status: "active" })
      await api.post(`/admin/marketplace/channels/${channelId}/catalogue-import`, {}, auth)
      expect(await listingBySku("SWEAT-M")).toMatchObject({ sync_enabled: true, disabled_reason: null, channel_status: "active" })
    })

    it("checks a bulk match file, applies nothing until confirmed, then only the good rows", async () => {
      await api.post(`/admin/marketplace/channels/${channelId}/catalogue-import`, {}, auth)
      const csv = [
        "channel_sku,variant_sku",
        "Sweat_M,SWEAT-M",
        "NOPE-SKU,TSHIRT-S",
        "TSHIRT-XL,NOPE",
        "BAD-GTIN-ITEM,SWEAT-L",
        "BAD-GTIN-ITEM,TSHIRT-L",
      ].join("\n")
      const send = (confirm: boolean, filename = "matches.csv", content = Buffer.from(csv)) =>
        api.post("/admin/marketplace/listings/match-file", { channel_id: channelId, filename, content_base64: content.toString("base64"), confirm }, auth)
      const { data: preview } = await send(false)
      expect(preview.summary).toEqual({ total: 5, ok: 1, bad: 4, applied: 0 })
      expect(preview.rows.map((r: any) => [r.row, r.status])).toEqual([[2, "ok"], [3, "unknown_sku"], [4, "unknown_variant"], [5, "duplicate"], [6, "duplicate"]])
      expect(preview.report_csv.split("\r\n")[0]).toBe("row,channel_sku,variant_sku,status,message")
      expect(preview.report_csv).toContain("3,NOPE-SKU,TSHIRT-S,unknown_sku,No listing with channel SKU NOPE-SKU on this channel")
      expect(preview.report_csv).not.toContain("Sweat_M")
      expect((await listingBySku("Sweat_M")).variant_id).toBeNull()

      const { data: applied } = await send(true)
      expect(applied.summary).toEqual({ total: 5, ok: 1, bad: 4, applied: 1 })
      expect(await listingBySku("Sweat_M")).toMatchObject({ variant_id: variant("SWEAT-M"), sync_enabled: true })
      expect((await listingBySku("BAD-GTIN-ITEM")).variant_id).toBeNull()

      // The same from a workbook.
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet("Matches")
      sheet.addRow(["channel_sku", "variant_sku"])
      sheet.addRow(["TSHIRT-XL", "TSHIRT-L"])
      const { data: fromXlsx } = await send(true, "matches.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()))
      expect(fromXlsx.summary).toEqual({ total: 1, ok: 1, bad: 0, applied: 1 })
      expect((await listingBySku("TSHIRT-XL")).variant_id).toBe(variant("TSHIRT-L"))

      const refused = await api.post("/admin/marketplace/listings/match-file", { channel_id: channelId, filename: "m.txt", content_base64: "eA==" }, auth).catch((e) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("filename")
    })

    it("explains why each listing is not syncing, one cause per set-up", async () => {
      await api.post(`/admin/marketplace/channels/${channelId}/catalogue-import`, {}, auth)
      const marketplace = getContainer().resolve<MarketplaceModuleService>("marketplace")

      const noMatch = await why((await listingBySku("TSHIRT-XL")).id)
      expect(noMatch.map((c) => c.code)).toEqual(["no_match"])
      expect(noMatch[0].data.nearest_skus).toEqual(expect.arrayContaining(["TSHIRT-L", "TSHIRT-M", "TSHIRT-S"]))
      expect((await why((await listingBySku(" tshirt m ")).id)).map((c) => c.code)).toEqual(["not_mapped_yet"])
      expect((await why((await listingBySku("SWEAT-M")).id)).map((c) => c.code)).toEqual(["channel_status", "listing_disabled"])
      expect((await why((await listingBySku("BIKE-KIT")).id)).map((c) => c.code)).toEqual(["promo_locked", "listing_disabled"])

      // Reserved covers stock: TSHIRT-L has 4 in the east warehouse and none in the west.
      const listingL = await listingBySku("TSHIRT-XL")
      await api.post("/admin/marketplace/listings/match", { matches: [{ listing_id: listingL.id, variant_id: variant("TSHIRT-L") }] }, auth)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [item] } = await query.graph({ entity: "inventory_item", fields: ["id", "location_levels.location_id", "location_levels.stocked_quantity"], filters: { sku: "TSHIRT-L" } })
      const east = item.location_levels.find((l: any) => l.stocked_quantity === 4).location_id
      await api.post("/admin/reservations", { inventory_item_id: item.id, location_id: east, quantity: 4 }, auth)
      const reserved = await eventually(async () => {
        const causes = await why(listingL.id)
        expect(causes.map((c) => c.code)).toContain("reserved_covers_stock")
        return causes
      })
      expect(reserved.find((c) => c.code === "reserved_covers_stock")!.data).toEqual({ stocked: 4, reserved: 4 })

      // Never pushed: a listing written straight into the table (an import from another tool), stock unmoved since.
      const [direct] = await marketplace.createListings([{ channel_id: channelId, channel_sku: "DIRECT-1", variant_id: variant("SWEAT-M") }])
      expect((await why(direct.id)).map((c) => c.code)).toEqual(["never_pushed"])

      // The channel-wide switch.
      await api.post(`/admin/marketplace/channels/${channelId}`, { sync_enabled: false, disabled_reason: "stock take" }, auth)
      expect((await why(direct.id)).map((c) => c.code)).toContain("channel_disabled")
      await api.post(`/admin/marketplace/channels/${channelId}`, { sync_enabled: true, disabled_reason: null }, auth)

      // The last push failed: a SKU the channel does not have is refused, and does not retry.
      const { data: missing } = await api.post("/admin/marketplace/listings", { channel_id: channelId, channel_sku: "NOT-ON-CHANNEL", variant_id: variant("SWEAT-M") }, auth)
      const failed = await eventually(async () => {
        const causes = await why(missing.listing.id)
        expect(causes.map((c) => c.code)).toEqual(["last_error"])
        return causes[0]
      })
      expect(failed.detail).toContain("SKU_NOT_FOUND")
      expect(failed.data.retrying).toBe(false)

      // Edited by hand on the channel: the channel reports another number after our last write.
      const shirt = await listingBySku("TSHIRT-S")
      const [target] = await marketplace.listListingTargets({ listing_id: shirt.id })
      await eventually(async () => expect((await marketplace.retrieveListingTarget(target.id)).last_pushed_quantity).toBe(15))
      await marketplace.updateListingTargets({ id: target.id, last_channel_quantity: 3, last_channel_quantity_at: new Date(Date.now() + 1_000) })
      const edited = await why(shirt.id)
      expect(edited.map((c) => c.code)).toEqual(["edited_on_channel"])
      expect(edited[0].data).toMatchObject({ channel_quantity: 3, last_pushed_quantity: 15 })
    })
  },
})
