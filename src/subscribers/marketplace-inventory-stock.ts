import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { markStockChangedWorkflow } from "../workflows/marketplace/mark-stock-changed"
import type { StockChange } from "../workflows/marketplace/mark-stock-changed"
import { MarkBatcher } from "../lib/stock/mark-batcher"

type InventoryEvent = { id: string; order_id?: string | null }

/** One per process: the stock events of a burst are marked together (see MarkBatcher). */
let batcher: MarkBatcher | null = null

/**
 * Reservations and stock levels change what a store can sell (available = stocked − reserved),
 * and Medusa changes reservations without emitting level events: both are watched.
 */
export default async function inventoryStockChanged({ event, container }: SubscriberArgs<InventoryEvent>) {
  const change: StockChange = { trigger: { event: event.name, id: event.data.order_id ?? event.data.id }, stock_moved: true }
  if (event.name.startsWith("reservation-item.")) {
    change.reservation_ids = [event.data.id]
  } else if (event.name.startsWith("inventory-level.")) {
    change.inventory_level_ids = [event.data.id]
  } else {
    change.inventory_item_ids = [event.data.id]
  }
  batcher ??= new MarkBatcher((merged) => markStockChangedWorkflow(container).run({ input: merged }))
  await batcher.add(change)
}

export const config: SubscriberConfig = {
  event: [
    "reservation-item.created",
    "reservation-item.updated",
    "reservation-item.deleted",
    "inventory-level.created",
    "inventory-level.updated",
    "inventory-level.deleted",
    "inventory-item.updated",
  ],
  context: { subscriberId: "marketplace-sync-inventory-stock" },
}
