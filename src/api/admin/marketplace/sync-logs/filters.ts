import type { ListSyncLogsQuery } from "./validators"

/** Success rows stay in the Normal view this long; afterwards only the Archive shows them. */
export const RECENT_SUCCESS_MS = 24 * 60 * 60 * 1000

type Filter = Record<string, unknown>

/** The module filter for the Sync Log's view and filters (everything but status). */
export function syncLogFilters(query: Partial<ListSyncLogsQuery>): Filter {
  const and: Filter[] = [{ archived: query.view === "archive" }]
  if (query.view !== "archive") {
    and.push({
      $or: [{ status: { $ne: "success" } }, { created_at: { $gte: new Date(Date.now() - RECENT_SUCCESS_MS) } }],
    })
  }
  if (query.channel_id) {
    and.push({ channel_id: query.channel_id })
  }
  if (query.listing_id) {
    and.push({ listing_id: query.listing_id })
  }
  if (query.q) {
    const like = { $ilike: `%${query.q}%` }
    and.push({ $or: [{ channel_sku: like }, { variant_sku: like }] })
  }
  if (query.created_from) {
    and.push({ created_at: { $gte: new Date(query.created_from) } })
  }
  if (query.created_to) {
    and.push({ created_at: { $lte: new Date(query.created_to) } })
  }
  return { $and: and }
}
