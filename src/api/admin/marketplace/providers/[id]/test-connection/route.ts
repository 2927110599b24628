import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { testProviderConnectionWorkflow } from "../../../../../../workflows/marketplace"
import type { TestProviderConnectionBody } from "../../validators"

/**
 * Tests credentials before a channel is saved with them. Answers 200 `{ ok, account }` or 200
 * `{ ok: false, error }` with the channel's refusal; the credentials are never echoed.
 */
export async function POST(req: AuthenticatedMedusaRequest<TestProviderConnectionBody>, res: MedusaResponse) {
  const { result } = await testProviderConnectionWorkflow(req.scope).run({
    input: { provider_id: req.params.id, credentials: req.validatedBody.credentials },
  })
  res.json(result)
}
