import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createExportWorkflow } from "../../../../workflows/marketplace"
import { marketplaceService, parseOrder } from "../helpers"
import { serializeExports } from "./serialize"
import type { CreateExportBody, ListExportsQuery } from "./validators"

/** Export History, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as ListExportsQuery
  const filters = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
  }
  const [rows, count] = await marketplaceService(req.scope).listAndCountExportJobs(filters, {
    skip: query.offset,
    take: query.limit,
    order: parseOrder(query.order, ["created_at", "completed_at", "status", "row_count"]),
  })
  res.json({ exports: await serializeExports(req.scope, rows), count, offset: query.offset, limit: query.limit })
}

/** Queues an export of the given Sync Log selection; 202 with the pending history entry. */
export async function POST(req: AuthenticatedMedusaRequest<CreateExportBody>, res: MedusaResponse) {
  const { result } = await createExportWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context?.actor_id ?? null },
  })
  const [view] = await serializeExports(req.scope, [result])
  res.status(202).json({ export: view })
}
