import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createChannelStep } from "./steps/create-channel"
import { validateReferencesStep } from "./steps/validate-references"
import type { CreateChannelInput } from "./types"

export const createChannelWorkflowId = "mkt-create-channel"

/** Creates a channel with its credentials (sealed) and its locations. */
export const createChannelWorkflow = createWorkflow(createChannelWorkflowId, (input: CreateChannelInput) => {
  const references = transform({ input }, ({ input }) => ({
    sales_channel_ids: input.sales_channel_id ? [input.sales_channel_id] : [],
    stock_location_ids: (input.locations ?? []).flatMap((l) => l.stock_location_ids),
  }))
  validateReferencesStep(references)
  return new WorkflowResponse(createChannelStep(input))
})
