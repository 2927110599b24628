import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createExportStep } from "./steps/create-export"
import type { CreateExportInput } from "./types"

export const createExportWorkflowId = "mkt-create-export"
export const EXPORT_REQUESTED_EVENT = "marketplace.export.requested"

/**
 * Queues an export: a pending history row, then an event whose subscriber writes the workbook
 * (on a worker instance when the app runs with the Redis event bus).
 */
export const createExportWorkflow = createWorkflow(createExportWorkflowId, (input: CreateExportInput) => {
  const job = createExportStep(input)
  emitEventStep({
    eventName: EXPORT_REQUESTED_EVENT,
    data: transform({ job }, ({ job }) => ({ id: job.id })),
  })
  return new WorkflowResponse(job)
})
