import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markStockChangedWorkflow } from "../../../../../../workflows/marketplace"
import { marketplaceService } from "../../../helpers"

/** "Sync now": push this listing's current quantity even if the channel was told it already. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const listing = await marketplaceService(req.scope).retrieveListing(req.params.id, { select: ["id"] })
  const { result } = await markStockChangedWorkflow(req.scope).run({
    input: { trigger: { event: "manual.sync_now", id: req.auth_context?.actor_id ?? null }, listing_ids: [listing.id], force: true },
  })
  res.json({ due: result.due })
}
