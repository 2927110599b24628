import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketplaceService } from "../../helpers"
import { serializeChannelOrders } from "../serialize"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const row = await marketplaceService(req.scope).retrieveChannelOrder(req.params.id)
  const [view] = await serializeChannelOrders(req.scope, [row])
  res.json({ channel_order: view })
}
