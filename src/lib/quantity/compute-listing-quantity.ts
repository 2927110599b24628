import { resolveRules } from "./resolve-rules"
import {
  ItemBreakdown,
  QuantityBreakdown,
  QuantityInput,
  QuantityMode,
  QuantityResult,
  QuantityRules,
} from "./types"

/**
 * The quantity formula (DESIGN.md): what one listing should show on its channel, with every
 * intermediate number so an operator can read why. Pure: same input, same output, no I/O.
 */
export function computeListingQuantity(input: QuantityInput): QuantityResult {
  const { rules, sources } = resolveRules(input.rules)
  const packSize = Math.max(1, Math.floor(input.pack_size || 1))
  const locationIds = [...new Set(input.location_ids)]
  const counted = new Set(locationIds)

  const items: ItemBreakdown[] = (input.variant?.inventory_items ?? []).map((item) => {
    const locations = item.levels
      .filter((level) => counted.has(level.location_id))
      .map((level) => ({
        location_id: level.location_id,
        stocked: level.stocked_quantity,
        reserved: level.reserved_quantity,
        available: level.stocked_quantity - level.reserved_quantity,
      }))
    const available = locations.reduce((sum, level) => sum + level.available, 0)
    const required = item.required_quantity > 0 ? item.required_quantity : 1
    return {
      inventory_item_id: item.inventory_item_id,
      required_quantity: required,
      locations,
      available,
      units: Math.max(0, Math.floor(available / required)),
    }
  })

  const mode = modeOf(input, rules)
  const base = { location_ids: locationIds, items, pack_size: packSize, rules, rule_sources: sources }

  if (mode === "unmatched" || mode === "no_inventory") {
    return finish({ ...base, mode, units: 0, packs: 0 }, 0, 0, false, false)
  }

  if (mode === "unmanaged" || mode === "backorder") {
    // A configured quantity is already in channel units: no pack size, allocation or buffer.
    const configured =
      mode === "unmanaged" ? rules.unmanaged_quantity : (rules.backorder_quantity as number)
    const units = Math.max(0, Math.floor(configured))
    const capped = rules.max_quantity !== null && units > rules.max_quantity
    const quantity = capped ? Math.max(0, Math.floor(rules.max_quantity as number)) : units
    return finish({ ...base, mode, units, packs: units }, units, units, false, capped, quantity)
  }

  const units = Math.min(...items.map((item) => item.units))
  const packs = Math.floor(units / packSize)
  const afterAllocation = Math.floor((packs * clamp(rules.allocation_percentage, 0, 100)) / 100)
  const afterBuffer = afterAllocation - Math.max(0, rules.buffer)
  const zeroed = afterBuffer <= Math.max(0, rules.zero_out_threshold)
  let quantity = zeroed ? 0 : afterBuffer
  const capped = rules.max_quantity !== null && quantity > rules.max_quantity
  if (capped) {
    quantity = rules.max_quantity as number
  }
  return finish(
    { ...base, mode, units, packs },
    afterAllocation,
    afterBuffer,
    zeroed,
    capped,
    Math.max(0, Math.floor(quantity))
  )
}

function modeOf(input: QuantityInput, rules: QuantityRules): QuantityMode {
  const variant = input.variant
  if (!variant) {
    return "unmatched"
  }
  if (!variant.manage_inventory) {
    return "unmanaged"
  }
  if (variant.allow_backorder && rules.backorder_quantity !== null) {
    return "backorder"
  }
  return variant.inventory_items.length ? "stock" : "no_inventory"
}

function finish(
  partial: Omit<QuantityBreakdown, "steps" | "quantity">,
  afterAllocation: number,
  afterBuffer: number,
  zeroed: boolean,
  capped: boolean,
  quantity = 0
): QuantityResult {
  const breakdown: QuantityBreakdown = {
    ...partial,
    steps: {
      after_allocation: afterAllocation,
      after_buffer: afterBuffer,
      zeroed_by_threshold: zeroed,
      capped_by_max: capped,
    },
    quantity,
  }
  return { quantity, breakdown }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
