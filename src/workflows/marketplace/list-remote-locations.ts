import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listRemoteLocationsStep } from "./steps/list-remote-locations"

export const listRemoteLocationsWorkflowId = "mkt-list-remote-locations"

/** The channel's own stock locations, each with the channel location that maps it, if any. */
export const listRemoteLocationsWorkflow = createWorkflow(
  listRemoteLocationsWorkflowId,
  (input: { channel_id: string }) => new WorkflowResponse(listRemoteLocationsStep(input.channel_id))
)
