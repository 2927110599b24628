import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importChannelLocationsWorkflow } from "../../../../../../../workflows/marketplace"
import { channelErrorBody } from "../../remote-locations/channel-error"
import type { ImportChannelLocationsBody } from "./validators"

/**
 * Creates channel locations from the channel's own (external_id = the channel's id), skipping
 * ones already mapped. 201 when any was created, 200 when all were mapped already; 502 with the
 * channel's message when it refuses to list them.
 */
export async function POST(req: AuthenticatedMedusaRequest<ImportChannelLocationsBody>, res: MedusaResponse) {
  const { result } = await importChannelLocationsWorkflow(req.scope).run({
    input: { channel_id: req.params.id, locations: req.validatedBody.locations },
  })
  if (result.error) {
    res.status(502).json(channelErrorBody(result.error))
    return
  }
  res.status(result.created.length ? 201 : 200).json({ locations: result.created, skipped: result.skipped })
}
