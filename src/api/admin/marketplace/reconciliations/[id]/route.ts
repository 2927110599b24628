import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconciliationRowFilters } from "../../../../../lib/reconcile/filters"
import { marketplaceService, parseOrder } from "../../helpers"
import type { RetrieveReconciliationQuery } from "../validators"

const STALE_AFTER_MS = 24 * 60 * 60 * 1000
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
  // For the summary: matched listings, stock updates on, that no push reached for a day.
  const [, stale] = await service.listAndCountListings(
    {
      channel_id: run.channel_id,
      variant_id: { $ne: null },
      sync_enabled: true,
      $or: [{ last_pushed_at: null }, { last_pushed_at: { $lt: new Date(Date.now() - STALE_AFTER_MS) } }],
    },
    { select: ["id"], take: 1 }
  )
  res.json({
    reconciliation: {
      ...run,
      stale_listings: stale,
      progress: run.total ? Math.min(1, run.processed / run.total) : run.status === "success" ? 1 : 0,
    },
    rows,
    count,
    offset: query.offset,
    limit: query.limit,
  })
}
