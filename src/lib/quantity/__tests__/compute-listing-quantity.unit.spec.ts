import fc from "fast-check"
import { computeListingQuantity } from "../compute-listing-quantity"
import { InventoryItemInput, PartialRules, QuantityInput } from "../types"

const item = (
  id: string,
  levels: [string, number, number][],
  required_quantity = 1
): InventoryItemInput => ({
  inventory_item_id: id,
  required_quantity,
  levels: levels.map(([location_id, stocked_quantity, reserved_quantity]) => ({
    location_id,
    stocked_quantity,
    reserved_quantity,
  })),
})

const input = (over: Partial<QuantityInput> = {}): QuantityInput => ({
  variant: {
    id: "variant_1",
    manage_inventory: true,
    allow_backorder: false,
    inventory_items: [item("iitem_1", [["sloc_a", 10, 2], ["sloc_b", 5, 0]])],
  },
  location_ids: ["sloc_a", "sloc_b"],
  pack_size: 1,
  rules: {},
  ...over,
})

describe("computeListingQuantity", () => {
  it("sums stocked minus reserved over the counted locations only", () => {
    expect(computeListingQuantity(input()).quantity).toBe(13)
    const onlyA = computeListingQuantity(input({ location_ids: ["sloc_a"] }))
    expect(onlyA.quantity).toBe(8)
    expect(onlyA.breakdown.items[0].locations).toEqual([
      { location_id: "sloc_a", stocked: 10, reserved: 2, available: 8 },
    ])
  })

  it("takes the minimum over kit components, each divided by its required quantity", () => {
    const result = computeListingQuantity(
      input({
        variant: {
          id: "kit",
          manage_inventory: true,
          allow_backorder: false,
          inventory_items: [
            item("iitem_frame", [["sloc_a", 9, 0]], 1),
            item("iitem_wheel", [["sloc_a", 15, 1]], 2),
          ],
        },
        location_ids: ["sloc_a"],
      })
    )
    expect(result.breakdown.items.map((i) => i.units)).toEqual([9, 7])
    expect(result.quantity).toBe(7)
  })

  it("divides by the pack size and floors", () => {
    const result = computeListingQuantity(input({ pack_size: 6 }))
    expect(result.breakdown.packs).toBe(2)
    expect(result.quantity).toBe(2)
  })

  it("applies allocation, then buffer, then the zero-out threshold, then the cap", () => {
    const rules: PartialRules = {
      allocation_percentage: 50,
      buffer: 2,
      zero_out_threshold: 1,
      max_quantity: 3,
    }
    const result = computeListingQuantity(input({ rules: { channel: rules } }))
    // 13 → floor(6.5)=6 → 4 → above threshold → capped at 3
    expect(result.breakdown.steps).toEqual({
      after_allocation: 6,
      after_buffer: 4,
      zeroed_by_threshold: false,
      capped_by_max: true,
    })
    expect(result.quantity).toBe(3)
  })

  it("zeroes a quantity at or below the zero-out threshold", () => {
    const result = computeListingQuantity(
      input({ rules: { channel: { zero_out_threshold: 13 } } })
    )
    expect(result.quantity).toBe(0)
    expect(result.breakdown.steps.zeroed_by_threshold).toBe(true)
  })

  it("prefers the listing override, then the channel, then the default", () => {
    const result = computeListingQuantity(
      input({
        rules: {
          defaults: { buffer: 1, max_quantity: 100 },
          channel: { buffer: 3, allocation_percentage: 80 },
          listing: { buffer: 5 },
        },
      })
    )
    expect(result.breakdown.rule_sources).toMatchObject({
      buffer: "listing",
      allocation_percentage: "channel",
      max_quantity: "default",
    })
    expect(result.quantity).toBe(Math.floor(13 * 0.8) - 5)
  })

  it("lists the configured quantity for variants that do not manage inventory", () => {
    const variant = { ...input().variant!, manage_inventory: false }
    const result = computeListingQuantity(
      input({ variant, rules: { channel: { unmanaged_quantity: 40, max_quantity: 25 } } })
    )
    expect(result.breakdown.mode).toBe("unmanaged")
    expect(result.quantity).toBe(25)
  })

  it("lists the back-order quantity when one is configured, and the stock otherwise", () => {
    const variant = { ...input().variant!, allow_backorder: true }
    const configured = computeListingQuantity(
      input({ variant, rules: { channel: { backorder_quantity: 30 } } })
    )
    expect(configured.breakdown.mode).toBe("backorder")
    expect(configured.quantity).toBe(30)
    const fromStock = computeListingQuantity(input({ variant }))
    expect(fromStock.breakdown.mode).toBe("stock")
    expect(fromStock.quantity).toBe(13)
  })

  it("lists zero for an unmatched listing and for a variant without inventory items", () => {
    expect(computeListingQuantity(input({ variant: null })).breakdown.mode).toBe("unmatched")
    expect(computeListingQuantity(input({ variant: null })).quantity).toBe(0)
    const bare = { ...input().variant!, inventory_items: [] }
    const result = computeListingQuantity(input({ variant: bare }))
    expect(result.breakdown.mode).toBe("no_inventory")
    expect(result.quantity).toBe(0)
  })

  it("never lists oversold stock as negative", () => {
    const oversold = computeListingQuantity(
      input({
        variant: {
          id: "v",
          manage_inventory: true,
          allow_backorder: false,
          inventory_items: [item("iitem_1", [["sloc_a", 2, 7]])],
        },
      })
    )
    expect(oversold.breakdown.items[0].available).toBe(-5)
    expect(oversold.quantity).toBe(0)
  })
})

const levelArb = fc.record({
  stocked: fc.integer({ min: 0, max: 5_000 }),
  reserved: fc.integer({ min: 0, max: 5_000 }),
})
const rulesArb: fc.Arbitrary<PartialRules> = fc.record(
  {
    allocation_percentage: fc.integer({ min: 0, max: 100 }),
    buffer: fc.integer({ min: 0, max: 50 }),
    zero_out_threshold: fc.integer({ min: 0, max: 20 }),
    max_quantity: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: null }),
    backorder_quantity: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: null }),
    unmanaged_quantity: fc.integer({ min: 0, max: 1_000 }),
  },
  { requiredKeys: [] }
)
const scenarioArb = fc.record({
  items: fc.array(
    fc.record({ required: fc.integer({ min: 1, max: 5 }), levels: fc.array(levelArb, { minLength: 1, maxLength: 3 }) }),
    { minLength: 1, maxLength: 4 }
  ),
  pack_size: fc.integer({ min: 1, max: 12 }),
  manage_inventory: fc.boolean(),
  allow_backorder: fc.boolean(),
  listing: rulesArb,
  channel: rulesArb,
  defaults: rulesArb,
})

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

const toInput = (s: Scenario, extraStock = 0, bumpedItem = 0): QuantityInput => ({
  variant: {
    id: "v",
    manage_inventory: s.manage_inventory,
    allow_backorder: s.allow_backorder,
    inventory_items: s.items.map((it, i) =>
      item(
        `iitem_${i}`,
        it.levels.map((l, j) => [
          `sloc_${j}`,
          l.stocked + (i === bumpedItem && j === 0 ? extraStock : 0),
          l.reserved,
        ]),
        it.required
      )
    ),
  },
  location_ids: ["sloc_0", "sloc_1", "sloc_2"],
  pack_size: s.pack_size,
  rules: { listing: s.listing, channel: s.channel, defaults: s.defaults },
})

describe("computeListingQuantity properties", () => {
  it("is never negative and never a fraction", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { quantity } = computeListingQuantity(toInput(s))
        return quantity >= 0 && Number.isInteger(quantity)
      })
    )
  })

  it("never exceeds the effective maximum listed quantity", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { quantity, breakdown } = computeListingQuantity(toInput(s))
        return breakdown.rules.max_quantity === null || quantity <= breakdown.rules.max_quantity
      })
    )
  })

  it("is monotone in stock: more stock of any item never lowers the quantity", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1_000 }), fc.nat(3), (s, extra, which) => {
        const bumped = which % s.items.length
        const before = computeListingQuantity(toInput(s)).quantity
        const after = computeListingQuantity(toInput(s, extra, bumped)).quantity
        return after >= before
      })
    )
  })

  it("for stock-managed kits, units are the minimum of each component's floor(available/required)", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const managed = { ...s, manage_inventory: true, allow_backorder: false }
        const { breakdown } = computeListingQuantity(toInput(managed))
        const expected = Math.min(
          ...s.items.map((it) =>
            Math.max(0, Math.floor(it.levels.reduce((n, l) => n + l.stocked - l.reserved, 0) / it.required))
          )
        )
        return breakdown.units === expected && breakdown.packs === Math.floor(expected / s.pack_size)
      })
    )
  })

  it("never lists more packs than the stock holds whole packs for", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const managed = { ...s, manage_inventory: true, allow_backorder: false }
        const { quantity, breakdown } = computeListingQuantity(toInput(managed))
        return quantity * s.pack_size <= Math.max(0, breakdown.units)
      })
    )
  })

  it("resolves every rule from the most specific level that sets it", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { breakdown } = computeListingQuantity(toInput(s))
        return (Object.keys(breakdown.rules) as (keyof typeof breakdown.rules)[]).every((name) => {
          const source =
            s.listing[name] !== undefined ? "listing" : s.channel[name] !== undefined ? "channel" : "default"
          return breakdown.rule_sources[name] === source
        })
      })
    )
  })

  it("gives unmanaged variants the configured quantity whatever the stock", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1_000 }), (s, extra) => {
        const unmanaged = { ...s, manage_inventory: false }
        const a = computeListingQuantity(toInput(unmanaged))
        const b = computeListingQuantity(toInput(unmanaged, extra, 0))
        const r = a.breakdown.rules
        const expected = r.max_quantity === null ? r.unmanaged_quantity : Math.min(r.unmanaged_quantity, r.max_quantity)
        return a.quantity === b.quantity && a.quantity === expected && a.breakdown.mode === "unmanaged"
      })
    )
  })

  it("gives back-order variants their configured quantity, or the stock formula when none is set", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const backorder = { ...s, manage_inventory: true, allow_backorder: true }
        const result = computeListingQuantity(toInput(backorder))
        const asManaged = computeListingQuantity(toInput({ ...backorder, allow_backorder: false }))
        const r = result.breakdown.rules
        if (r.backorder_quantity === null) {
          return result.quantity === asManaged.quantity
        }
        const expected = r.max_quantity === null ? r.backorder_quantity : Math.min(r.backorder_quantity, r.max_quantity)
        return result.quantity === expected
      })
    )
  })

  it("applies the rules in order: allocation, buffer, threshold, cap", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const managed = { ...s, manage_inventory: true, allow_backorder: false }
        const { quantity, breakdown } = computeListingQuantity(toInput(managed))
        const r = breakdown.rules
        const allocated = Math.floor((breakdown.packs * r.allocation_percentage) / 100)
        const buffered = allocated - r.buffer
        const thresholded = buffered <= r.zero_out_threshold ? 0 : buffered
        const capped = r.max_quantity === null ? thresholded : Math.min(thresholded, r.max_quantity)
        return quantity === Math.max(0, capped)
      })
    )
  })
})
