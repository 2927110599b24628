import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listRemoteLocationsStep } from "./steps/list-remote-locations"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { type LocationImportChoice, planLocationImportStep } from "./steps/plan-location-import"
import { upsertChannelLocationsStep } from "./steps/upsert-channel-locations"
import { validateReferencesStep } from "./steps/validate-references"

export const importChannelLocationsWorkflowId = "mkt-import-channel-locations"

/**
 * Creates channel locations from locations the channel lists (read with the saved credentials),
 * tied to the Medusa stock locations the admin chose; ones already mapped are skipped. A channel
 * that refuses the listing answers `error` and nothing is created.
 */
export const importChannelLocationsWorkflow = createWorkflow(
  importChannelLocationsWorkflowId,
  (input: { channel_id: string; locations: LocationImportChoice[] }) => {
    validateReferencesStep(
      transform({ input }, ({ input }) => ({ stock_location_ids: input.locations.flatMap((l) => l.stock_location_ids) }))
    )
    const remote = listRemoteLocationsStep(input.channel_id)
    const plan = planLocationImportStep({ channel_id: input.channel_id, locations: input.locations, remote })
    const written = when("create-imported-locations", { plan }, ({ plan }) => plan.create.length > 0).then(() => {
      const result = upsertChannelLocationsStep(
        transform({ input, plan }, ({ input, plan }) => ({ channel_id: input.channel_id, create: plan.create }))
      )
      markStockChangedStep(
        transform({ input }, ({ input }) => ({
          trigger: { event: "marketplace.channel.locations_changed", id: input.channel_id },
          channel_ids: [input.channel_id],
        }))
      )
      return result
    })
    return new WorkflowResponse(
      transform({ plan, written }, ({ plan, written }) => ({
        error: plan.error,
        created: written?.created ?? [],
        skipped: plan.skipped,
      }))
    )
  }
)
