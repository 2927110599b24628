import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteListingsStep } from "./steps/delete-listings"

export const deleteListingsWorkflowId = "mkt-delete-listings"

export const deleteListingsWorkflow = createWorkflow(
  deleteListingsWorkflowId,
  (input: { ids: string[] }) => new WorkflowResponse(deleteListingsStep(input.ids))
)
