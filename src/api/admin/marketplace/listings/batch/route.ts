import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createListingsWorkflow } from "../../../../../workflows/marketplace"
import { serializeListings } from "../serialize"
import type { BatchCreateListingsBody } from "../validators"

/** Bulk create: all listings or none. */
export async function POST(req: AuthenticatedMedusaRequest<BatchCreateListingsBody>, res: MedusaResponse) {
  const { result } = await createListingsWorkflow(req.scope).run({ input: { listings: req.validatedBody.listings } })
  res.status(201).json({ listings: await serializeListings(req.scope, result as never), count: result.length })
}
