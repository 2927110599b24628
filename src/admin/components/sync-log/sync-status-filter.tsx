import { Badge, Button } from "@medusajs/ui"
import { SYNC_STATUSES, SYNC_STATUS_LABELS } from "../../lib/sync-status"
import type { SyncStatus, SyncStatusCounts } from "../../lib/types"

type Props = {
  selected: SyncStatus[]
  counts: SyncStatusCounts | undefined
  onChange: (selected: SyncStatus[]) => void
}

/** Toggle chips; none pressed shows every status. */
export const SyncStatusFilter = ({ selected, counts, onChange }: Props) => {
  const toggle = (status: SyncStatus) =>
    onChange(selected.includes(status) ? selected.filter((s) => s !== status) : [...selected, status])

  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Status filter">
      {SYNC_STATUSES.map((status) => {
        const pressed = selected.includes(status)
        return (
          <Button
            key={status}
            type="button"
            size="small"
            variant={pressed ? "primary" : "secondary"}
            aria-pressed={pressed}
            data-status-filter={status}
            onClick={() => toggle(status)}
          >
            {SYNC_STATUS_LABELS[status]}
            <Badge size="2xsmall" color={status === "error" && counts?.error ? "red" : "grey"} data-status-count={status}>
              {counts ? counts[status] : "–"}
            </Badge>
          </Button>
        )
      })}
    </div>
  )
}
