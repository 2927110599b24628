/**
 * Quantity rules a channel, a listing or the plugin defaults can set. Every field is optional at
 * the channel and listing level; a missing field falls through to the next level
 * (listing → channel → plugin default).
 */
export type QuantityRules = {
  /** Share of the sellable stock offered on the channel, 0–100, applied with floor. */
  allocation_percentage: number
  /** Units held back from the channel after allocation. */
  buffer: number
  /** At or below this many units the channel is told zero (avoids selling the last few twice). */
  zero_out_threshold: number
  /** Never list more than this; null means no cap. */
  max_quantity: number | null
  /** Quantity listed for variants with allow_backorder; null means "use the stock like any other". */
  backorder_quantity: number | null
  /** Quantity listed for variants that do not manage inventory. */
  unmanaged_quantity: number
}

export type RuleName = keyof QuantityRules
export type RuleSource = "listing" | "channel" | "default"
export type PartialRules = Partial<QuantityRules>

export const DEFAULT_QUANTITY_RULES: QuantityRules = {
  allocation_percentage: 100,
  buffer: 0,
  zero_out_threshold: 0,
  max_quantity: null,
  backorder_quantity: null,
  unmanaged_quantity: 100,
}

export type StockLevelInput = {
  location_id: string
  stocked_quantity: number
  reserved_quantity: number
}

export type InventoryItemInput = {
  inventory_item_id: string
  /** Units of this item one variant unit consumes (kits, multi-packs). */
  required_quantity: number
  levels: StockLevelInput[]
}

export type VariantInput = {
  id: string
  sku?: string | null
  manage_inventory: boolean
  allow_backorder: boolean
  inventory_items: InventoryItemInput[]
}

export type QuantityInput = {
  /** null when the listing is not matched to a variant. */
  variant: VariantInput | null
  /** Stock locations whose stock counts for this listing (already resolved from the channel). */
  location_ids: string[]
  pack_size: number
  rules: { listing?: PartialRules | null; channel?: PartialRules | null; defaults?: PartialRules | null }
}

export type QuantityMode = "stock" | "backorder" | "unmanaged" | "unmatched" | "no_inventory"

export type ItemBreakdown = {
  inventory_item_id: string
  required_quantity: number
  locations: { location_id: string; stocked: number; reserved: number; available: number }[]
  /** Sum of available over the counted locations. */
  available: number
  /** Whole variant units this item allows: floor(available / required_quantity). */
  units: number
}

export type QuantityBreakdown = {
  mode: QuantityMode
  location_ids: string[]
  items: ItemBreakdown[]
  /** Variant units sellable: min over items of their units (kits), or the configured quantity. */
  units: number
  pack_size: number
  /** floor(units / pack_size). */
  packs: number
  rules: QuantityRules
  rule_sources: Record<RuleName, RuleSource>
  steps: {
    after_allocation: number
    after_buffer: number
    zeroed_by_threshold: boolean
    capped_by_max: boolean
  }
  quantity: number
}

export type QuantityResult = { quantity: number; breakdown: QuantityBreakdown }
