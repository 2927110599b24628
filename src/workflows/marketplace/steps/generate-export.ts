import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { generateExport } from "../../../lib/export/generate-export"

/** Writes the export's workbook; failures settle the export as failed instead of throwing. */
export const generateExportStep = createStep("mkt-generate-export", async (input: { id: string }, { container }) => {
  return new StepResponse(await generateExport(container, input.id))
})
