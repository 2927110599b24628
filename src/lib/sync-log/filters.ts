import type { SYNC_STATUSES } from "../../modules/marketplace/models/sync-record"

/** Success rows stay in the Normal view this long; afterwards only the Archive shows them. */
export const RECENT_SUCCESS_MS = 24 * 60 * 60 * 1000

type Filter = Record<string, unknown>

/** Which Sync Log rows a page, a force push or an export covers. */
export type SyncLogSelection = {
  view?: "normal" | "archive"
  status?: (typeof SYNC_STATUSES)[number][]
  channel_id?: string
  listing_id?: string
  /** Channel SKU or variant SKU, case-insensitive substring. */
  q?: string
  created_from?: string
  created_to?: string
}

/** The module filter for the Sync Log's view and filters, leaving out the status. */
export function syncLogFilters(selection: SyncLogSelection, now = Date.now()): Filter {
  const and: Filter[] = [{ archived: selection.view === "archive" }]
  if (selection.view !== "archive") {
    and.push({
      $or: [{ status: { $ne: "success" } }, { created_at: { $gte: new Date(now - RECENT_SUCCESS_MS) } }],
    })
  }
  if (selection.channel_id) {
    and.push({ channel_id: selection.channel_id })
  }
  if (selection.listing_id) {
    and.push({ listing_id: selection.listing_id })
  }
  if (selection.q) {
    const like = { $ilike: `%${selection.q}%` }
    and.push({ $or: [{ channel_sku: like }, { variant_sku: like }] })
  }
  if (selection.created_from) {
    and.push({ created_at: { $gte: new Date(selection.created_from) } })
  }
  if (selection.created_to) {
    and.push({ created_at: { $lte: new Date(selection.created_to) } })
  }
  return { $and: and }
}

/** The view and filters plus the status filter: exactly the rows the page lists. */
export function syncLogSelector(selection: SyncLogSelection, now = Date.now()): Filter {
  const base = syncLogFilters(selection, now)
  return selection.status?.length ? { $and: [base, { status: selection.status }] } : base
}
