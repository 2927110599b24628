import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createReconciliationWorkflow } from "../../../../workflows/marketplace"
import { marketplaceService, parseOrder } from "../helpers"
import type { CreateReconciliationBody, ListReconciliationsQuery } from "./validators"

/** Reconciliation runs, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as ListReconciliationsQuery
  const [runs, count] = await marketplaceService(req.scope).listAndCountReconciliations(
    query.channel_id ? { channel_id: query.channel_id } : {},
    { skip: query.offset, take: query.limit, order: parseOrder(query.order, ["created_at", "completed_at", "status"]) }
  )
  res.json({ reconciliations: runs, count, offset: query.offset, limit: query.limit })
}

/** Generate: starts a run for the channel (all its locations, or `location_ids`); 202 while it runs. */
export async function POST(req: AuthenticatedMedusaRequest<CreateReconciliationBody>, res: MedusaResponse) {
  const { result } = await createReconciliationWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context?.actor_id ?? null },
  })
  res.status(202).json({ reconciliation: result })
}
