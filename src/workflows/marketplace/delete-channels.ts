import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteChannelsStep } from "./steps/delete-channels"

export const deleteChannelsWorkflowId = "mkt-delete-channels"

/** Deletes channels with their locations and listings (soft delete; the sync log is kept). */
export const deleteChannelsWorkflow = createWorkflow(deleteChannelsWorkflowId, (input: { ids: string[] }) => {
  return new WorkflowResponse(deleteChannelsStep(input.ids))
})
