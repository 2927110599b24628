import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SYNC_STATUSES } from "../../../../modules/marketplace/models/sync-record"
import { marketplaceService, parseOrder } from "../helpers"
import { syncLogFilters, syncLogSelector } from "../../../../lib/sync-log/filters"
import type { ListSyncLogsQuery } from "./validators"

const SORTABLE = ["created_at", "updated_at", "completed_at", "quantity", "channel_sku", "status"]

/** The Sync Log: one row per push of one listing (per location), newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.validatedQuery as unknown as ListSyncLogsQuery
  const service = marketplaceService(req.scope)
  const base = syncLogFilters(query)
  const filters = syncLogSelector(query)
  const [rows, count] = await service.listAndCountSyncRecords(filters, {
    skip: query.offset,
    take: query.limit,
    order: parseOrder(query.order, SORTABLE),
  })
  const counts = await Promise.all(
    SYNC_STATUSES.map(async (status) => [status, (await service.listAndCountSyncRecords({ $and: [base, { status }] }, { take: 1, select: ["id"] }))[1]])
  )
  const channelIds = [...new Set(rows.map((r) => r.channel_id))]
  const channels = channelIds.length
    ? await service.listChannels({ id: channelIds }, { select: ["id", "name", "code"], withDeleted: true })
    : []
  const channelById = new Map(channels.map((c) => [c.id, { id: c.id, name: c.name, code: c.code }]))
  res.json({
    sync_logs: rows.map((row) => ({ ...row, channel: channelById.get(row.channel_id) ?? null })),
    count,
    offset: query.offset,
    limit: query.limit,
    status_counts: Object.fromEntries(counts),
  })
}
