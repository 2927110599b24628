import { contextWith, ebayFixture } from "./ebay-fixture"

const f = ebayFixture()
const ctx = contextWith(false)

/** Item quantity and offers of each SKU, and the listing quantity a buyer sees (min rule). */
function seedListings() {
  const s = f.eb.store
  s.addItem({ sku: "Q-CAPPED", quantity: 10 })
  s.addOffer("Q-CAPPED", "PUBLISHED", 4)
  s.addItem({ sku: "Q-ITEM-LOWER", quantity: 3 })
  s.addOffer("Q-ITEM-LOWER", "PUBLISHED", 8)
  s.addItem({ sku: "Q-NO-OFFER", quantity: 6 })
  s.addItem({ sku: "Q-OFFER-UNSET", quantity: 7 })
  s.addOffer("Q-OFFER-UNSET")
  s.addItem({ sku: "Q-ENDED", quantity: 5 })
  s.addOffer("Q-ENDED").listingStatus = "ENDED"
  s.addItem({ sku: "Q-OTHER-MARKET", quantity: 9 })
  s.addOffer("Q-OTHER-MARKET", "PUBLISHED", 1, "EBAY_GB")
  s.addItem({ sku: "Q-DRAFT", quantity: 2 })
  s.addOffer("Q-DRAFT", "UNPUBLISHED", 0)
  return { "Q-CAPPED": 4, "Q-ITEM-LOWER": 3, "Q-NO-OFFER": 6, "Q-OFFER-UNSET": 7, "Q-ENDED": 0, "Q-OTHER-MARKET": 9, "Q-DRAFT": 2 }
}

describe("eBay provider: read-back of the effective listing quantity", () => {
  it("returns the item quantity capped by this marketplace's live offers, and 0 for an ended listing", async () => {
    const expected = seedListings()
    const p = f.provider()
    const chosen = await p.readQuantities(ctx, { cursor: null, skus: Object.keys(expected) })
    expect(Object.fromEntries(chosen.items.map((q) => [q.sku, q.quantity]))).toEqual(expected)
    const walked = await p.readQuantities(ctx, { cursor: null })
    expect(Object.fromEntries(walked.items.map((q) => [q.sku, q.quantity]))).toEqual(expected)
    expect(walked.next_cursor).toBeNull()
  })

  it("costs at most 1 + 25 calls a page: one bulk or list call and one getOffers per SKU", async () => {
    const skus = Array.from({ length: 30 }, (_, i) => `P-${String(i).padStart(2, "0")}`)
    skus.forEach((sku) => f.eb.store.addItem({ sku, quantity: 1 }))
    const p = f.provider()
    const before = () => f.eb.requests.filter((r) => r.path.startsWith("/sell/")).length
    const pages: number[] = []
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const start = before()
      const page = await p.readQuantities(ctx, { cursor })
      pages.push(before() - start)
      expect(page.items.length).toBeLessThanOrEqual(25)
      cursor = page.next_cursor
    }
    expect(pages).toEqual([26, 6])
    f.eb.requests.splice(0)
    await p.readQuantities(ctx, { cursor: null, skus })
    expect(f.calls("/bulk_get_inventory_item")).toHaveLength(1)
    expect(f.calls("/offer")).toHaveLength(25)
    expect(f.calls("/inventory_item")).toEqual([])
  })
})
