import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { retryFailedOrder } from "../../../../../../lib/orders/receive-order"
import { marketplaceService } from "../../../helpers"
import { serializeChannelOrders } from "../../serialize"

/** Retry a failed import now (after stock arrived, or a sales channel was linked). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const marketplace = marketplaceService(req.scope)
  const before = await marketplace.retrieveChannelOrder(req.params.id)
  if (before.status !== "failed") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Channel order ${before.external_id} is ${before.status}, not failed`)
  }
  const outcome = await retryFailedOrder(req.scope, before.id)
  const [view] = await serializeChannelOrders(req.scope, [await marketplace.retrieveChannelOrder(before.id)])
  res.status(outcome.outcome === "failed" ? 422 : 200).json({ outcome: outcome.outcome, channel_order: view })
}
