import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { CreateExportInput } from "../types"

/** Records a pending export in the history; generation happens in the background. */
export const createExportStep = createStep(
  "mkt-create-export",
  async (input: CreateExportInput, { container }) => {
    const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    if (input.kind === "reconciliation") {
      // An unknown run is a 404 now, not a failed export later.
      await service.retrieveReconciliation(String(input.filter.reconciliation_id))
    }
    const stamp = new Date().toISOString().replace(/\.\d+Z$/, "").replace(/[:T]/g, "-")
    const job = await service.createExportJobs({
      kind: input.kind,
      filter: input.filter,
      filename: `${input.kind.replace(/_/g, "-")}-${stamp}.xlsx`,
      created_by: input.created_by ?? null,
    })
    return new StepResponse(job, job.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).deleteExportJobs(id)
    }
  }
)
