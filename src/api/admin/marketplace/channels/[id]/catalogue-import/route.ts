import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { importCatalogue } from "../../../../../../lib/matching"
import { marketplaceService } from "../../../helpers"

/**
 * Reads the channel's catalogue into listings and auto-matches them; answers with what it did.
 * Runs while the request waits (a 100,000-entry catalogue takes seconds, see bench:match).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const marketplace = marketplaceService(req.scope)
  const channel = await marketplace.retrieveChannel(req.params.id, { select: ["id", "provider_id"] })
  if (!marketplace.getProvider(channel.provider_id).capabilities.catalogue) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This channel's provider cannot list its catalogue")
  }
  res.json({ summary: await importCatalogue(req.scope, channel.id) })
}
