import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createChannelWorkflow } from "../../../../workflows/marketplace"
import { marketplaceService, parseOrder, retrieveChannelView, serializeChannel } from "../helpers"
import type { CreateChannelBody, ListChannelsQuery } from "./validators"

const SORTABLE = ["created_at", "updated_at", "name", "code", "provider_id"]

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { offset, limit, order, q, provider_id } = req.validatedQuery as unknown as ListChannelsQuery
  const filters: Record<string, unknown> = {}
  if (provider_id) {
    filters.provider_id = provider_id
  }
  if (q) {
    filters.$or = [{ name: { $ilike: `%${q}%` } }, { code: { $ilike: `%${q}%` } }]
  }
  const [channels, count] = await marketplaceService(req.scope).listAndCountChannels(filters, {
    skip: offset,
    take: limit,
    order: parseOrder(order, SORTABLE),
    relations: ["locations"],
  })
  res.json({
    channels: channels.map((c) => serializeChannel(req.scope, c as never)),
    count,
    offset,
    limit,
  })
}

export async function POST(req: AuthenticatedMedusaRequest<CreateChannelBody>, res: MedusaResponse) {
  const { result } = await createChannelWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ channel: await retrieveChannelView(req.scope, result.id) })
}
