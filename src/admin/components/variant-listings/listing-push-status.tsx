import { StatusBadge } from "@medusajs/ui"
import { isPending } from "../../lib/sync-status"
import type { ListingSync } from "../../lib/types"
import { SyncRecordStatusBadge } from "../common/sync-record-status-badge"

/**
 * A push in flight shows its own status; otherwise a listing with a quantity the channel has not
 * been told yet is "Pending", and a settled one shows how its last push ended.
 */
export const ListingPushStatus = ({ sync }: { sync: ListingSync | null }) => {
  const record = sync?.last_record ?? null
  if (record && isPending(record.status)) {
    return <SyncRecordStatusBadge status={record.status} />
  }
  if (sync?.due) {
    return (
      <StatusBadge color="grey" data-sync-status="pending">
        Pending
      </StatusBadge>
    )
  }
  if (record) {
    return <SyncRecordStatusBadge status={record.status} />
  }
  return <>-</>
}
