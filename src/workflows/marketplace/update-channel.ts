import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateChannelStep } from "./steps/update-channel"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { validateReferencesStep } from "./steps/validate-references"
import type { UpdateChannelInput } from "./types"

export const updateChannelWorkflowId = "mkt-update-channel"

/** Updates a channel's settings, rules, sync switch or credentials. */
export const updateChannelWorkflow = createWorkflow(updateChannelWorkflowId, (input: UpdateChannelInput) => {
  const references = transform({ input }, ({ input }) => ({
    sales_channel_ids: input.sales_channel_id ? [input.sales_channel_id] : [],
  }))
  validateReferencesStep(references)
  const channel = updateChannelStep(input)
  markStockChangedStep(
    transform({ input }, ({ input }) => ({ trigger: { event: "marketplace.channel.updated", id: input.id }, channel_ids: [input.id] }))
  )
  return new WorkflowResponse(channel)
})
