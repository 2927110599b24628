import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteChannelsWorkflow, updateChannelWorkflow } from "../../../../../workflows/marketplace"
import { retrieveChannelView } from "../../helpers"
import type { UpdateChannelBody } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ channel: await retrieveChannelView(req.scope, req.params.id) })
}

export async function POST(req: AuthenticatedMedusaRequest<UpdateChannelBody>, res: MedusaResponse) {
  await updateChannelWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ channel: await retrieveChannelView(req.scope, req.params.id) })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await deleteChannelsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "marketplace_channel", deleted: true })
}
