import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateListingsWorkflow } from "../../../../../workflows/marketplace"
import { serializeListings } from "../serialize"
import type { MatchListingsBody } from "../validators"

/**
 * Matches (or, with `variant_id: null`, unmatches) listings in one transaction: accepting
 * suggestions in bulk, or a manual match. Matching turns a "SKU mismatch" listing back on and
 * releases staged orders that were waiting for it.
 */
export async function POST(req: AuthenticatedMedusaRequest<MatchListingsBody>, res: MedusaResponse) {
  const { result } = await updateListingsWorkflow(req.scope).run({
    input: { listings: req.validatedBody.matches.map((m) => ({ id: m.listing_id, variant_id: m.variant_id })) },
  })
  res.json({ listings: await serializeListings(req.scope, result as never) })
}
