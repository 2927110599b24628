import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketplaceService, parseOrder } from "../helpers"
import { serializeChannelOrders } from "./serialize"
import type { ListChannelOrdersQuery } from "./validators"

/** Channel orders, newest first: the Unmatched Orders queue (`status=staged`), failures, the order widget (`order_id`). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as ListChannelOrdersQuery
  const filters: Record<string, unknown> = {}
  if (query.channel_id) filters.channel_id = query.channel_id
  if (query.status?.length) filters.status = query.status
  if (query.order_id) filters.order_id = query.order_id
  if (query.q) filters.external_id = { $ilike: `%${query.q.replace(/[\\%_]/g, (c) => "\\" + c)}%` }
  const [rows, count] = await marketplaceService(req.scope).listAndCountChannelOrders(filters, {
    skip: query.offset,
    take: query.limit,
    order: parseOrder(query.order, ["created_at", "placed_at", "status", "updated_at"]),
  })
  res.json({ channel_orders: await serializeChannelOrders(req.scope, rows), count, offset: query.offset, limit: query.limit })
}
