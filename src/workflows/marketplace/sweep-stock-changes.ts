import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import { readStockChangesStep, STOCK_SWEEP_CURSOR } from "./steps/read-stock-changes"
import { saveSyncCursorStep } from "./steps/save-sync-cursor"

export const sweepStockChangesWorkflowId = "mkt-sweep-stock-changes"
export const STOCK_SWEEP_TRIGGER = "scheduled.stock_sweep"

/**
 * The net under the events: marks every listing whose inventory levels or reservations changed
 * since the last sweep, whether or not an event reached the plugin (a crash between a stock
 * commit and its subscriber, the in-memory event bus losing it). Marks change nothing where the
 * channel was already told the right number. The cursor moves only after the marks committed.
 */
export const sweepStockChangesWorkflow = createWorkflow(sweepStockChangesWorkflowId, () => {
  const changes = readStockChangesStep()
  const marked = markStockChangedStep(
    transform({ changes }, ({ changes }) => ({
      trigger: { event: STOCK_SWEEP_TRIGGER },
      inventory_item_ids: changes.inventory_item_ids,
      stock_moved: true,
    }))
  )
  saveSyncCursorStep(transform({ changes }, ({ changes }) => ({ id: STOCK_SWEEP_CURSOR, position: changes.position, existed: changes.existed })))
  return new WorkflowResponse(transform({ changes, marked }, ({ changes, marked }) => ({ items: changes.inventory_item_ids.length, ...marked })))
})
