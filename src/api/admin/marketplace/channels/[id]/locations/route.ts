import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { upsertChannelLocationsWorkflow } from "../../../../../../workflows/marketplace"
import { marketplaceService } from "../../../helpers"
import type { ChannelLocationBody } from "../../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = marketplaceService(req.scope)
  await service.retrieveChannel(req.params.id, { select: ["id"] })
  const [locations, count] = await service.listAndCountChannelLocations(
    { channel_id: req.params.id },
    { order: { code: "ASC" } }
  )
  res.json({ locations, count, offset: 0, limit: count })
}

export async function POST(req: AuthenticatedMedusaRequest<ChannelLocationBody>, res: MedusaResponse) {
  const { result } = await upsertChannelLocationsWorkflow(req.scope).run({
    input: { channel_id: req.params.id, create: [req.validatedBody] },
  })
  res.status(201).json({ location: result.created[0] })
}
