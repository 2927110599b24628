import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteChannelLocationsStep } from "./steps/delete-channel-locations"
import { markStockChangedStep } from "./steps/mark-stock-changed"

export const deleteChannelLocationsWorkflowId = "mkt-delete-channel-locations"

export const deleteChannelLocationsWorkflow = createWorkflow(
  deleteChannelLocationsWorkflowId,
  (input: { channel_id: string; ids: string[] }) => {
    const result = deleteChannelLocationsStep(input)
    markStockChangedStep(
      transform({ input }, ({ input }) => ({
        trigger: { event: "marketplace.channel.locations_changed", id: input.channel_id },
        channel_ids: [input.channel_id],
      }))
    )
    return new WorkflowResponse(result)
  }
)
