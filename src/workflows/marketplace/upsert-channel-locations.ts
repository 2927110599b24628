import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertChannelLocationsStep } from "./steps/upsert-channel-locations"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { validateReferencesStep } from "./steps/validate-references"
import type { ChannelLocationInput } from "./types"

export const upsertChannelLocationsWorkflowId = "mkt-upsert-channel-locations"

type Input = {
  channel_id: string
  create?: ChannelLocationInput[]
  update?: (Partial<ChannelLocationInput> & { id: string })[]
}

/** Adds or changes a channel's locations and their mapping to Medusa stock locations. */
export const upsertChannelLocationsWorkflow = createWorkflow(upsertChannelLocationsWorkflowId, (input: Input) => {
  const references = transform({ input }, ({ input }) => ({
    stock_location_ids: [...(input.create ?? []), ...(input.update ?? [])].flatMap((l) => l.stock_location_ids ?? []),
  }))
  validateReferencesStep(references)
  const result = upsertChannelLocationsStep(input)
  markStockChangedStep(
    transform({ input }, ({ input }) => ({
      trigger: { event: "marketplace.channel.locations_changed", id: input.channel_id },
      channel_ids: [input.channel_id],
    }))
  )
  return new WorkflowResponse(result)
})
