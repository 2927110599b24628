import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Moves a scan's durable cursor forward (never back: two overlapping sweeps keep the later one). */
export const saveSyncCursorStep = createStep(
  "mkt-save-sync-cursor",
  async (input: { id: string; position: string; existed: boolean }, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const position = new Date(input.position)
    if (!input.existed) {
      const [raced] = await marketplace.listSyncCursors({ id: input.id })
      if (!raced) {
        await marketplace.createSyncCursors({ id: input.id, position })
        return new StepResponse(position)
      }
    }
    // Only forward: the update's filter is the guard.
    await marketplace.updateSyncCursors({ selector: { id: input.id, position: { $lt: position } }, data: { position } })
    return new StepResponse(position)
  }
)
