import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createReconciliationStep } from "./steps/create-reconciliation"
import type { CreateReconciliationInput } from "./types"

export const createReconciliationWorkflowId = "mkt-create-reconciliation"
export const RECONCILIATION_REQUESTED_EVENT = "marketplace.reconciliation.requested"

/** Queues a reconciliation run; its subscriber generates it in the background. */
export const createReconciliationWorkflow = createWorkflow(createReconciliationWorkflowId, (input: CreateReconciliationInput) => {
  const run = createReconciliationStep(input)
  emitEventStep({
    eventName: RECONCILIATION_REQUESTED_EVENT,
    data: transform({ run }, ({ run }) => ({ id: run.id })),
  })
  return new WorkflowResponse(run)
})
