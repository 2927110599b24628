import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteChannelLocationsWorkflow, upsertChannelLocationsWorkflow } from "../../../../../../../workflows/marketplace"
import type { UpdateChannelLocationBody } from "../../../validators"

export async function POST(req: AuthenticatedMedusaRequest<UpdateChannelLocationBody>, res: MedusaResponse) {
  const { result } = await upsertChannelLocationsWorkflow(req.scope).run({
    input: { channel_id: req.params.id, update: [{ ...req.validatedBody, id: req.params.location_id }] },
  })
  res.json({ location: result.updated[0] })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await deleteChannelLocationsWorkflow(req.scope).run({
    input: { channel_id: req.params.id, ids: [req.params.location_id] },
  })
  res.json({ id: req.params.location_id, object: "marketplace_channel_location", deleted: true })
}
