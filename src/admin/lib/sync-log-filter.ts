import type { SyncLogFilter } from "./types"

/** What the filter bar holds: date inputs give local calendar days ("2024-05-01"). */
export type SyncLogFilterDraft = {
  channel_id: string | null
  q: string
  created_from: string
  created_to: string
}

export const EMPTY_SYNC_LOG_FILTER: SyncLogFilterDraft = { channel_id: null, q: "", created_from: "", created_to: "" }

/**
 * Days become instants in the admin's own time zone, the end day inclusive, so "to 1 May" keeps
 * the rows written on 1 May whatever time zone the server compares in.
 */
export function toSyncLogFilter(draft: SyncLogFilterDraft): SyncLogFilter {
  const q = draft.q.trim()
  const from = dayBoundary(draft.created_from, "start")
  const to = dayBoundary(draft.created_to, "end")
  return {
    ...(draft.channel_id ? { channel_id: draft.channel_id } : {}),
    ...(q ? { q } : {}),
    ...(from ? { created_from: from } : {}),
    ...(to ? { created_to: to } : {}),
  }
}

function dayBoundary(day: string, edge: "start" | "end"): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) {
    return undefined
  }
  const [, year, month, date] = match.map(Number)
  const local =
    edge === "start"
      ? new Date(year, month - 1, date, 0, 0, 0, 0)
      : new Date(year, month - 1, date, 23, 59, 59, 999)
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString()
}
