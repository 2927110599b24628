import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Moves errored, unarchived sync records matching the selector out of Error (into the archive). */
export const archiveErroredRecordsStep = createStep(
  "mkt-archive-errored-records",
  async (selector: Record<string, unknown>, { container }) => {
    const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const records = await service.listSyncRecords(
      { $and: [selector, { status: "error", archived: false }] },
      { select: ["id", "listing_id"] }
    )
    const ids = records.map((r) => r.id)
    if (ids.length) {
      await service.updateSyncRecords({ selector: { id: ids }, data: { archived: true, archived_at: new Date() } })
    }
    return new StepResponse({ listing_ids: [...new Set(records.map((r) => r.listing_id))] }, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container
        .resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
        .updateSyncRecords({ selector: { id: ids }, data: { archived: false, archived_at: null } })
    }
  }
)
