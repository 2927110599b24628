import type { SyncStatus } from "./types"

/** Filter and badge order: what needs attention first. */
export const SYNC_STATUSES: SyncStatus[] = ["in_process", "submitted", "deferred", "error", "success", "skipped"]

export const SYNC_STATUS_LABELS: Record<SyncStatus, string> = {
  in_process: "In Process",
  submitted: "Submitted",
  deferred: "Deferred",
  success: "Success",
  error: "Error",
  skipped: "Skipped",
}

export const SYNC_STATUS_COLORS: Record<SyncStatus, "blue" | "orange" | "green" | "red" | "grey" | "purple"> = {
  in_process: "blue",
  submitted: "orange",
  deferred: "purple",
  success: "green",
  error: "red",
  skipped: "grey",
}

/** A push still on its way: the page polls while one is on screen. */
export function isPending(status: SyncStatus): boolean {
  return status === "in_process" || status === "submitted"
}

/** How often a screen showing an unfinished push asks again; pushes settle within seconds. */
export const SYNC_POLL_MS = 2_000

/** "CODE: message" of a failed push, or null when the channel gave neither. */
export function errorSummary(record: { error_code: string | null; error_message: string | null }): string | null {
  const parts = [record.error_code, record.error_message].filter(Boolean)
  return parts.length ? parts.join(": ") : null
}
