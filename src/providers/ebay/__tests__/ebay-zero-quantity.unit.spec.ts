import { EbayProvider } from "../service"
import { LISTING_ENDED_NOTE } from "../errors"
import { contextWith, ebayFixture, update } from "./ebay-fixture"

const f = ebayFixture()
const sentQuantity = (sku: string) =>
  f.calls("/bulk_update_price_quantity").map((r) => (r.body as { requests: { sku: string; shipToLocationAvailability: { quantity: number } }[] }).requests.find((e) => e.sku === sku)?.shipToLocationAvailability.quantity)

describe("eBay provider: Out-of-Stock Control as a channel setting", () => {
  it("declares it off by default, saying where the seller turns it on, and checks its type", () => {
    const p = f.provider()
    expect(p.settingFields()).toEqual([
      expect.objectContaining({ name: "out_of_stock_control", type: "boolean", default: false, label: expect.stringContaining("Out-of-Stock Control") }),
    ])
    expect(p.settingFields()[0].description).toEqual(expect.stringContaining("Site Preferences"))
    expect(p.settingFields()[0].description).toEqual(expect.stringContaining("OutOfStockControlPreference"))
    expect(p.validateSettings({})).toEqual({ out_of_stock_control: false })
    expect(() => p.validateSettings({ out_of_stock_control: "yes" })).toThrow("settings.out_of_stock_control")
  })

  it("refuses the old provider option, pointing at the channel setting", () => {
    expect(() => EbayProvider.validateOptions({ out_of_stock_control: true })).toThrow("channel setting")
    expect(() => EbayProvider.validateOptions({ offer_governs: true })).not.toThrow()
  })

  it("warns while it is off that eBay ends a listing pushed to 0 and what to do, and not once it is on", () => {
    const p = f.provider()
    const [warning, ...more] = p.channelWarnings({ out_of_stock_control: false })
    expect(more).toEqual([])
    expect(warning).toMatch(/ends a fixed-price listing/)
    expect(warning).toMatch(/relist it in Seller Hub/)
    expect(warning).toMatch(/Site Preferences/)
    expect(p.channelWarnings({ out_of_stock_control: true })).toEqual([])
  })
})

describe("eBay provider: a 0 without Out-of-Stock Control", () => {
  const ctx = contextWith(false)

  it("pushes 0 as 0 and notes that eBay ended the listing, which it did", async () => {
    f.eb.store.addItem({ sku: "Z-1", quantity: 3 })
    const offer = f.eb.store.addOffer("Z-1")
    const { items } = await f.provider().pushQuantities(ctx, [update("Z-1", 0, 3)])
    expect(items).toEqual([{ sku: "Z-1", location: null, outcome: "success", quantity: 0, note: LISTING_ENDED_NOTE }])
    expect(LISTING_ENDED_NOTE).toMatch(/^listing ended by eBay: /)
    expect(sentQuantity("Z-1")).toEqual([0])
    expect(f.eb.store.items.get("Z-1")!.quantity).toBe(0)
    expect(offer.listingStatus).toBe("ENDED")
    expect(f.calls("/offer")).toEqual([])
  })

  it("sets the item when stock returns but answers LISTING_ENDED, saying to relist and Force Push", async () => {
    f.eb.store.addItem({ sku: "Z-1", quantity: 3 })
    const offer = f.eb.store.addOffer("Z-1")
    const p = f.provider()
    await p.pushQuantities(ctx, [update("Z-1", 0, 3)])
    const { items } = await p.pushQuantities(ctx, [update("Z-1", 4, 0)])
    expect(items).toEqual([
      { sku: "Z-1", location: null, outcome: "error", error: { kind: "rejected", code: "LISTING_ENDED", message: expect.stringContaining(`listing 11${offer.offerId}`) } },
    ])
    const message = (items[0] as { error: { message: string } }).error.message
    expect(message).toMatch(/relist it in Seller Hub .*then Force Push/)
    expect(message).toMatch(/Turn on Out-of-Stock Control/)
    expect(f.eb.store.items.get("Z-1")!.quantity).toBe(4)
    expect(offer.listingStatus).toBe("ENDED")
    expect(f.calls("/offer").map((r) => r.raw)).toEqual(["/sell/inventory/v1/offer?sku=Z-1&marketplace_id=EBAY_US"])
  })

  it("reads offers only for a raise from a known 0: other pushes cost one call", async () => {
    ;["N-1", "N-2", "N-3", "N-4"].forEach((sku) => f.eb.store.addItem({ sku, quantity: 2 }))
    const updates = [update("N-1", 5, 2), update("N-2", 5, null), update("N-3", 0, 0), update("N-4", 1)]
    const p = f.provider()
    expect(p.pushCost(updates, ctx)).toBe(1)
    const { items } = await p.pushQuantities(ctx, updates)
    expect(items.map((i) => i.outcome)).toEqual(["success", "success", "success", "success"])
    expect(f.calls("/offer")).toEqual([])
    expect(p.pushCost([update("N-1", 5, 0), update("N-2", 5, 0), update("N-3", 1, 2)], ctx)).toBe(3)
  })

  it("brings a raise from 0 back as a plain success when the listing is still live", async () => {
    f.eb.store.addItem({ sku: "L-1", quantity: 0 })
    f.eb.store.addOffer("L-1")
    const { items } = await f.provider().pushQuantities(ctx, [update("L-1", 6, 0)])
    expect(items).toEqual([{ sku: "L-1", location: null, outcome: "success", quantity: 6 }])
    expect(f.calls("/offer")).toHaveLength(1)
  })

  it("with offer_governs leaves an ended listing's offer out of the call and answers LISTING_ENDED", async () => {
    f.eb.store.addItem({ sku: "G-1", quantity: 0 })
    f.eb.store.addOffer("G-1").listingStatus = "ENDED"
    f.eb.store.addItem({ sku: "G-2", quantity: 5 })
    const { items } = await f.provider({ offer_governs: true }).pushQuantities(ctx, [update("G-1", 5), update("G-2", 0)])
    const sent = (f.calls("/bulk_update_price_quantity")[0].body as { requests: object[] }).requests
    expect(sent).toEqual([
      { sku: "G-1", shipToLocationAvailability: { quantity: 5 } },
      { sku: "G-2", shipToLocationAvailability: { quantity: 0 } },
    ])
    expect(items[0]).toMatchObject({ outcome: "error", error: { kind: "rejected", code: "LISTING_ENDED" } })
    // G-2 has no listing at all (offers were read): nothing for eBay to end, so no note.
    expect(items[1]).toEqual({ sku: "G-2", location: null, outcome: "success", quantity: 0 })
  })
})

describe("eBay provider: a 0 with Out-of-Stock Control", () => {
  const ctx = contextWith(true)

  it("pushes 0 without a note, the listing stays hidden, and a raise brings it back", async () => {
    f.eb.store.out_of_stock_control = true
    f.eb.store.addItem({ sku: "K-1", quantity: 3 })
    const offer = f.eb.store.addOffer("K-1")
    const p = f.provider()
    const zero = await p.pushQuantities(ctx, [update("K-1", 0, 3)])
    expect(zero.items).toEqual([{ sku: "K-1", location: null, outcome: "success", quantity: 0 }])
    expect(offer.listingStatus).toBe("OUT_OF_STOCK")
    const back = await p.pushQuantities(ctx, [update("K-1", 2, 0)])
    expect(back.items).toEqual([{ sku: "K-1", location: null, outcome: "success", quantity: 2 }])
    expect(offer.listingStatus).toBe("ACTIVE")
    expect(f.eb.store.items.get("K-1")!.quantity).toBe(2)
  })

  it("still reports a listing that ended anyway (before the setting, or after 180 days at 0)", async () => {
    f.eb.store.out_of_stock_control = true
    f.eb.store.addItem({ sku: "K-2", quantity: 0 })
    f.eb.store.addOffer("K-2").listingStatus = "ENDED"
    const { items } = await f.provider().pushQuantities(ctx, [update("K-2", 3, 0)])
    expect(items[0]).toMatchObject({ outcome: "error", error: { code: "LISTING_ENDED", message: expect.stringContaining("ended anyway") } })
    expect((items[0] as { error: { message: string } }).error.message).not.toMatch(/Turn on Out-of-Stock Control/)
  })
})
