import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRemoteLocationsWorkflow } from "../../../../../../workflows/marketplace"
import { channelErrorBody } from "./channel-error"

/**
 * The channel's own stock locations, read with the saved credentials, each with `mapped_to`: the
 * channel location that already holds its id. A channel that refuses answers 502 with its message.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await listRemoteLocationsWorkflow(req.scope).run({ input: { channel_id: req.params.id } })
  if (!result.ok) {
    res.status(502).json(channelErrorBody(result.error))
    return
  }
  res.json({ locations: result.locations })
}
