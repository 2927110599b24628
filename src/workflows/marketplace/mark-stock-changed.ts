import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markStockChangedStep, StockChange } from "./steps/mark-stock-changed"

export const markStockChangedWorkflowId = "mkt-mark-stock-changed"

/**
 * Detect → mark: run by the plugin's subscribers after every stock movement, and by "sync now".
 * The flusher pushes what it marked shortly after it commits.
 */
export const markStockChangedWorkflow = createWorkflow(markStockChangedWorkflowId, (input: StockChange) =>
  new WorkflowResponse(markStockChangedStep(input))
)

export type { StockChange }
