import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markStockChangedWorkflow } from "../../../../../../workflows/marketplace"
import { marketplaceService } from "../../../helpers"

/** "Sync now" for a whole channel: every matched listing is pushed with its current quantity. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const channel = await marketplaceService(req.scope).retrieveChannel(req.params.id, { select: ["id"] })
  const { result } = await markStockChangedWorkflow(req.scope).run({
    input: { trigger: { event: "manual.sync_now", id: req.auth_context?.actor_id ?? null }, channel_ids: [channel.id], force: true },
  })
  res.json({ due: result.due })
}
