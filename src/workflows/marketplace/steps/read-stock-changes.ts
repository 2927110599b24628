import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

export const STOCK_SWEEP_CURSOR = "stock-sweep"
/** A first sweep looks this far back. */
const FIRST_LOOKBACK_MS = 60 * 60_000
/**
 * Each sweep reads again this far behind its cursor: a transaction stamps `updated_at` when it
 * writes but may commit later, after a sweep that started meanwhile has moved the cursor on.
 */
const OVERLAP_MS = 30_000

/**
 * The inventory items whose levels or reservations changed since the sweep's durable cursor
 * (deleted reservations included), and the position to store once they are marked.
 */
export const readStockChangesStep = createStep("mkt-read-stock-changes", async (_: void, { container }) => {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const inventory = container.resolve(Modules.INVENTORY)
  const startedAt = new Date()
  const [cursor] = await marketplace.listSyncCursors({ id: STOCK_SWEEP_CURSOR })
  const since = new Date((cursor ? new Date(cursor.position).getTime() : startedAt.getTime() - FIRST_LOOKBACK_MS) - OVERLAP_MS)
  // The module's filter types name only their own fields; the ORM takes any column and $or.
  type Filter<T> = T & Record<string, unknown>
  const levels = await inventory.listInventoryLevels({ updated_at: { $gte: since } } as Filter<{}>, { select: ["inventory_item_id"] })
  const reservations = await inventory.listReservationItems(
    { $or: [{ updated_at: { $gte: since } }, { deleted_at: { $gte: since } }] } as Filter<{}>,
    { select: ["inventory_item_id"], withDeleted: true }
  )
  const itemIds = [...new Set([...levels, ...reservations].map((row) => row.inventory_item_id))].sort()
  return new StepResponse({ inventory_item_ids: itemIds, position: startedAt.toISOString(), existed: !!cursor })
})
