import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { forcePushSyncRecordsWorkflow } from "../../../../../workflows/marketplace"
import { syncLogFilters } from "../../../../../lib/sync-log/filters"
import type { ForcePushBody } from "../validators"

/**
 * Force Push: the errored rows named by id, or every errored row matching the Sync Log filter,
 * leave Error (archived) and their listings are pushed again with the newest quantity.
 */
export async function POST(req: AuthenticatedMedusaRequest<ForcePushBody>, res: MedusaResponse) {
  const body = req.validatedBody
  const selector = "ids" in body ? { id: body.ids } : syncLogFilters({ view: "normal", ...body.filter })
  const { result } = await forcePushSyncRecordsWorkflow(req.scope).run({
    input: { selector, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json(result)
}
