import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { marketplacePipeline } from "../../../lib/pipeline"
import { loadListingQuantities } from "../../../lib/stock/load-listing-quantities"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

export type StockChange = {
  /** What happened: the event name (`order.placed`, `inventory-level.updated` …) or `manual`. */
  trigger: { event: string; id?: string | null }
  order_ids?: string[]
  reservation_ids?: string[]
  inventory_level_ids?: string[]
  inventory_item_ids?: string[]
  variant_ids?: string[]
  listing_ids?: string[]
  channel_ids?: string[]
  /** Mark due even where the channel was already told the same quantity ("sync now", nightly). */
  force?: boolean
  /** Force only these targets (force reconcile of some locations or rows); see MarkOptions. */
  force_targets?: { channel_location_ids?: string[]; keys?: string[] }
  /** The change moved stock (counts for the nightly 48-hour re-push). */
  stock_moved?: boolean
}

/** Listings computed and marked per transaction: bounds memory and lock time for big catalogues. */
const CHUNK = 500
const CHUNKS_IN_FLIGHT = 2

type Query = { graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }> }

/**
 * Finds every matched listing the change can affect (through reservations, levels, inventory
 * items, kits and variants), recomputes its quantity and marks it due where the channel was not
 * told that quantity yet. Each chunk commits on its own; a mark is never undone.
 */
export const markStockChangedStep = createStep("mkt-mark-stock-changed", async (change: StockChange, { container }) => {
  return new StepResponse(await markStockChanged(container, change))
})

/** The mark step's work, for steps that mark as part of a larger loop (Force Push by pages). */
export async function markStockChanged(container: MedusaContainer, change: StockChange): Promise<{ listings: number; due: number }> {
  const listingIds = await affectedListingIds(container, change)
  const marketplace = marketplacePipeline(container)
  let due = 0
  let next = 0
  // Two chunks in flight: one is read and computed here while the database writes the other.
  const worker = async () => {
    while (next < listingIds.length) {
      const chunk = listingIds.slice(next, (next += CHUNK))
      const quantities = await loadListingQuantities(container, chunk)
      const result = await marketplace.markTargets(quantities, change.trigger, {
        force: change.force,
        force_targets: change.force_targets,
        stock_moved: change.stock_moved,
      })
      due += result.due
    }
  }
  await Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT }, worker))
  return { listings: listingIds.length, due }
}

export async function affectedListingIds(container: MedusaContainer, change: StockChange): Promise<string[]> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const inventory = container.resolve(Modules.INVENTORY)
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const itemIds = new Set(change.inventory_item_ids ?? [])
  const variantIds = new Set(change.variant_ids ?? [])

  if (change.reservation_ids?.length) {
    // Deleted reservations are soft-deleted: still readable with withDeleted.
    const reservations = await inventory.listReservationItems({ id: change.reservation_ids }, { select: ["inventory_item_id"], withDeleted: true })
    reservations.forEach((r) => itemIds.add(r.inventory_item_id))
  }
  if (change.inventory_level_ids?.length) {
    const levels = await inventory.listInventoryLevels({ id: change.inventory_level_ids }, { select: ["inventory_item_id"], withDeleted: true })
    levels.forEach((l) => itemIds.add(l.inventory_item_id))
  }
  if (change.order_ids?.length) {
    const { data: orders } = await query.graph({ entity: "order", fields: ["id", "items.variant_id"], filters: { id: change.order_ids } })
    orders.forEach((o) => (o.items ?? []).forEach((item: { variant_id?: string | null }) => item?.variant_id && variantIds.add(item.variant_id)))
  }
  if (itemIds.size) {
    // Every variant using one of the items: kits share items with the single products.
    const { data: links } = await query.graph({
      entity: "product_variant_inventory_items",
      fields: ["variant_id"],
      filters: { inventory_item_id: [...itemIds] },
    })
    links.forEach((link) => variantIds.add(link.variant_id))
  }

  const ids = new Set(change.listing_ids ?? [])
  const filters: Record<string, unknown>[] = []
  if (variantIds.size) {
    filters.push({ variant_id: [...variantIds] })
  }
  if (change.channel_ids?.length) {
    filters.push({ channel_id: change.channel_ids, variant_id: { $ne: null } })
  }
  for (const filter of filters) {
    const listings = await marketplace.listListings(filter, { select: ["id"] })
    listings.forEach((l) => ids.add(l.id))
  }
  return [...ids]
}
