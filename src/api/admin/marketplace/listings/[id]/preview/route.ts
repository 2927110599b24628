import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewListingQuantitiesWorkflow } from "../../../../../../workflows/marketplace"
import { marketplaceService } from "../../../helpers"

/** `{ quantity, breakdown }`: what the listing's channel would be told now, and why. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await marketplaceService(req.scope).retrieveListing(req.params.id, { select: ["id"] })
  const { result } = await previewListingQuantitiesWorkflow(req.scope).run({ input: { listing_ids: [req.params.id] } })
  const [preview] = result
  res.json({ listing_id: preview.listing_id, quantity: preview.quantity, breakdown: preview.breakdown })
}
