import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { autoMatch } from "../../../../../../lib/matching"
import { marketplaceService } from "../../../helpers"

/** Runs the matcher over the channel's unmatched listings now. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const channel = await marketplaceService(req.scope).retrieveChannel(req.params.id, { select: ["id"] })
  res.json({ summary: await autoMatch(req.scope, channel.id) })
}
