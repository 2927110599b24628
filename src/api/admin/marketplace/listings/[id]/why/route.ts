import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { explainListing } from "../../../../../../lib/matching/why"

/** "Why isn't this syncing": the causes that apply to the listing now, each with what to do. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ causes: await explainListing(req.scope, req.params.id) })
}
