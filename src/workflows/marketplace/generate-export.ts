import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { generateExportStep } from "./steps/generate-export"

export const generateExportWorkflowId = "mkt-generate-export"

/** Writes a pending export's workbook into the File module and settles its history row. */
export const generateExportWorkflow = createWorkflow(generateExportWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(generateExportStep(input))
})
