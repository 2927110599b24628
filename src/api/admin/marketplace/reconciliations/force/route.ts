import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { forceReconcileWorkflow } from "../../../../../workflows/marketplace"
import { cooldownEndsAt, cooldownMessage } from "../../../../../workflows/marketplace/steps/force-reconcile"
import { marketplaceService } from "../../helpers"
import type { ForceReconcileBody } from "../validators"

/**
 * Force Reconcile a channel (all or some locations) or rows of a run. While the channel's
 * cooldown runs: 429 with Retry-After and the time it is allowed again.
 */
export async function POST(req: AuthenticatedMedusaRequest<ForceReconcileBody>, res: MedusaResponse) {
  const body = req.validatedBody
  if ("channel_id" in body) {
    const channel = await marketplaceService(req.scope).retrieveChannel(body.channel_id, {
      select: ["id", "name", "last_force_reconciled_at", "force_reconcile_cooldown_minutes"],
    })
    const ends = cooldownEndsAt(channel)
    if (ends) {
      res.setHeader("Retry-After", String(Math.ceil((ends.getTime() - Date.now()) / 1000)))
      res.status(429).json({ type: "not_allowed", message: cooldownMessage(channel), allowed_at: ends.toISOString() })
      return
    }
  }
  const { result } = await forceReconcileWorkflow(req.scope).run({
    input: { ...body, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json(result)
}
