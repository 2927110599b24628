import { SYNC_STATUSES, SYNC_STATUS_LABELS } from "../../lib/sync-status"
import type { SyncStatus, SyncStatusCounts } from "../../lib/types"
import { StatusChips } from "../common/status-chips"

type Props = {
  selected: SyncStatus[]
  counts: SyncStatusCounts | undefined
  onChange: (selected: SyncStatus[]) => void
}

export const SyncStatusFilter = (props: Props) => (
  <StatusChips statuses={SYNC_STATUSES} labels={SYNC_STATUS_LABELS} alarm="error" {...props} />
)
