import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createListingsWorkflow } from "../../../../workflows/marketplace"
import { marketplaceService, parseOrder } from "../helpers"
import { serializeListings } from "./serialize"
import type { CreateListingBody, ListListingsQuery } from "./validators"

const SORTABLE = ["created_at", "updated_at", "channel_sku", "title", "desired_quantity", "last_pushed_at"]

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as ListListingsQuery
  const filters: Record<string, unknown> = {}
  for (const key of ["channel_id", "channel_sku", "variant_id"] as const) {
    if (query[key]) {
      filters[key] = query[key]
    }
  }
  if (query.matched !== undefined) {
    filters.variant_id = query.matched ? { $ne: null } : null
  }
  if (query.q) {
    const like = { $ilike: `%${query.q}%` }
    filters.$or = [{ channel_sku: like }, { channel_product_id: like }, { title: like }]
  }
  if (query.sku) {
    const { data } = await req.scope
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "product_variant", fields: ["id"], filters: { sku: query.sku } })
    filters.variant_id = data.map((v: { id: string }) => v.id)
  }
  const [listings, count] = await marketplaceService(req.scope).listAndCountListings(filters, {
    skip: query.offset,
    take: query.limit,
    order: parseOrder(query.order, SORTABLE),
  })
  res.json({
    listings: await serializeListings(req.scope, listings as never, query.include_quantity === true, query.include_sync === true),
    count,
    offset: query.offset,
    limit: query.limit,
  })
}

export async function POST(req: AuthenticatedMedusaRequest<CreateListingBody>, res: MedusaResponse) {
  const { result } = await createListingsWorkflow(req.scope).run({ input: { listings: [req.validatedBody] } })
  const [listing] = await serializeListings(req.scope, result as never)
  res.status(201).json({ listing })
}
