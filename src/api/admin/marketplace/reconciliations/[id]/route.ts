import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconciliationRowFilters } from "../../../../../lib/reconcile/filters"
import { marketplaceService, parseOrder } from "../../helpers"
import type { RetrieveReconciliationQuery } from "../validators"

const SORTABLE = ["channel_sku", "variant_sku", "delta", "status", "location_code", "created_at"]

/** A run's status and progress, with its rows (paginated, filterable by status, location and SKU). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as RetrieveReconciliationQuery
  const service = marketplaceService(req.scope)
  const run = await service.retrieveReconciliation(req.params.id)
  const [rows, count] = await service.listAndCountReconciliationRows(
    reconciliationRowFilters({ ...query, reconciliation_id: run.id }),
    { skip: query.offset, take: query.limit, order: { ...parseOrder(query.order, SORTABLE, "channel_sku"), id: "ASC" } }
  )
  res.json({
    reconciliation: {
      ...run,
      progress: run.total ? Math.min(1, run.processed / run.total) : run.status === "success" ? 1 : 0,
    },
    rows,
    count,
    offset: query.offset,
    limit: query.limit,
  })
}
