import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { releaseStagedOrders } from "../../../../../../lib/orders/receive-order"
import { marketplaceService } from "../../../helpers"
import { serializeChannelOrders } from "../../serialize"

/**
 * Release a staged order: when every line matches now, it becomes a Medusa order and its held
 * stock moves to the order's reservations; otherwise it stays staged and the answer names the
 * lines still unmatched (409).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const marketplace = marketplaceService(req.scope)
  const before = await marketplace.retrieveChannelOrder(req.params.id)
  if (before.status !== "staged") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Channel order ${before.external_id} is ${before.status}, not staged`)
  }
  const result = await releaseStagedOrders(req.scope, [before.id])
  const [view] = await serializeChannelOrders(req.scope, [await marketplace.retrieveChannelOrder(before.id)])
  if (result.failed.length) {
    return res.status(422).json({ type: "not_allowed", message: result.failed[0].error, channel_order: view })
  }
  if (!result.imported.length) {
    // Another delivery (the poll, a webhook redelivery) took the row first and released it.
    if (view.status === "imported") {
      return res.json({ channel_order: view })
    }
    const open = view.lines.filter((l: { matched: boolean }) => !l.matched).map((l: { sku: string }) => l.sku)
    const message = open.length
      ? `Still unmatched: ${open.join(", ")}`
      : `Channel order ${before.external_id} is ${view.status} now: another delivery took it first`
    return res.status(409).json({ type: "conflict", message, channel_order: view })
  }
  res.json({ channel_order: view })
}
