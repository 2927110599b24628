import { StatusBadge } from "@medusajs/ui"
import { SYNC_STATUS_COLORS, SYNC_STATUS_LABELS } from "../../lib/sync-status"
import type { SyncStatus } from "../../lib/types"

/** In Process (blue), Submitted (orange), Success (green), Error (red). */
export const SyncRecordStatusBadge = ({ status }: { status: SyncStatus }) => (
  <StatusBadge color={SYNC_STATUS_COLORS[status]} data-sync-status={status} className="whitespace-nowrap">
    {SYNC_STATUS_LABELS[status]}
  </StatusBadge>
)
