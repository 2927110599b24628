import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteChannelLocationsStep } from "./steps/delete-channel-locations"

export const deleteChannelLocationsWorkflowId = "mkt-delete-channel-locations"

export const deleteChannelLocationsWorkflow = createWorkflow(
  deleteChannelLocationsWorkflowId,
  (input: { channel_id: string; ids: string[] }) => new WorkflowResponse(deleteChannelLocationsStep(input))
)
