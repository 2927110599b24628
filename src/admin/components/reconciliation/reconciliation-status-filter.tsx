import { Badge, Button } from "@medusajs/ui"
import type { ReconciliationRowStatus } from "../../lib/types"
import { ROW_STATUSES, ROW_STATUS_LABELS } from "./reconciliation-status"

type Props = {
  selected: ReconciliationRowStatus[]
  counts: Partial<Record<ReconciliationRowStatus, number>> | null
  onChange: (selected: ReconciliationRowStatus[]) => void
}

/** Toggle chips with the run's counts; none pressed shows every row. */
export const ReconciliationStatusFilter = ({ selected, counts, onChange }: Props) => (
  <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Status filter">
    {ROW_STATUSES.map((status) => {
      const pressed = selected.includes(status)
      return (
        <Button
          key={status}
          type="button"
          size="small"
          variant={pressed ? "primary" : "secondary"}
          aria-pressed={pressed}
          data-status-filter={status}
          onClick={() => onChange(pressed ? selected.filter((s) => s !== status) : [...selected, status])}
        >
          {ROW_STATUS_LABELS[status]}
          <Badge size="2xsmall" color={status === "mismatch" && counts?.mismatch ? "red" : "grey"}>
            {counts ? counts[status] ?? 0 : "–"}
          </Badge>
        </Button>
      )
    })}
  </div>
)
