import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { CreateReconciliationInput } from "../types"

/**
 * Checks the channel can be reconciled and the locations are its own, then records a pending run.
 * Refusals name the field and change nothing.
 */
export const createReconciliationStep = createStep(
  "mkt-create-reconciliation",
  async (input: CreateReconciliationInput, { container }) => {
    const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const channel = await service.retrieveChannel(input.channel_id, { relations: ["locations"] })
    const provider = service.getProvider(channel.provider_id)
    if (!provider.capabilities.read_back) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `channel_id: provider "${channel.provider_id}" cannot read quantities back, so ${channel.name} cannot be reconciled`
      )
    }
    const own = new Set(channel.locations.map((l) => l.id))
    const foreign = (input.location_ids ?? []).filter((id) => !own.has(id))
    if (foreign.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `location_ids: ${foreign.join(", ")} ${foreign.length === 1 ? "is not a location" : "are not locations"} of channel ${channel.name}`
      )
    }
    const run = await service.createReconciliations({
      channel_id: channel.id,
      channel_location_ids: input.location_ids?.length ? (input.location_ids as unknown as Record<string, unknown>) : null,
      trigger: input.trigger ?? "manual",
      created_by: input.created_by ?? null,
    })
    return new StepResponse(run, run.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).deleteReconciliations(id)
    }
  }
)
