import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { forceReconcileTrigger } from "../../lib/reconcile/trigger"
import { resolveForceScopeStep, takeForceSlotStep } from "./steps/force-reconcile"
import { markStockChangedStep } from "./steps/mark-stock-changed"
import type { ForceReconcileInput } from "./types"

export const forceReconcileWorkflowId = "mkt-force-reconcile"

/**
 * Force Reconcile: the channel adopts our sellable quantities through the normal push pipeline
 * (each push in the Sync Log with the trigger "force_reconcile"), once per cooldown.
 */
export const forceReconcileWorkflow = createWorkflow(forceReconcileWorkflowId, (input: ForceReconcileInput) => {
  const scope = resolveForceScopeStep(input)
  takeForceSlotStep(transform({ scope }, ({ scope }) => scope.channel_id))
  const marked = markStockChangedStep(
    transform({ scope, input }, ({ scope, input }) => ({
      trigger: { event: forceReconcileTrigger, id: input.actor_id ?? null },
      listing_ids: scope.listing_ids,
      force: scope.force,
      force_targets: scope.force_targets,
    }))
  )
  return new WorkflowResponse(
    transform({ scope, marked }, ({ scope, marked }) => ({ channel_id: scope.channel_id, listings: marked.listings, due: marked.due }))
  )
})
