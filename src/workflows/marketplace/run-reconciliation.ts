import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { runReconciliation } from "../../lib/reconcile/run-reconciliation"

export const runReconciliationWorkflowId = "mkt-run-reconciliation"

const runReconciliationStep = createStep("mkt-run-reconciliation", async (input: { id: string }, { container }) => {
  return new StepResponse(await runReconciliation(container, input.id))
})

/** Generates a pending run's rows; a failure settles the run as failed instead of throwing. */
export const runReconciliationWorkflow = createWorkflow(runReconciliationWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(runReconciliationStep(input))
})
