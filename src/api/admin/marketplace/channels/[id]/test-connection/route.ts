import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { testChannelConnectionWorkflow } from "../../../../../../workflows/marketplace"

/** Answers 200 either way; `ok: false` carries the channel's refusal (auth, unreachable …). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await testChannelConnectionWorkflow(req.scope).run({ input: { channel_id: req.params.id } })
  res.json({ connection: result })
}
