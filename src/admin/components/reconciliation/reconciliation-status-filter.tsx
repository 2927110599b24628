import type { ReconciliationRowStatus } from "../../lib/types"
import { StatusChips } from "../common/status-chips"
import { ROW_STATUSES, ROW_STATUS_LABELS } from "./reconciliation-status"

type Props = {
  selected: ReconciliationRowStatus[]
  counts: Partial<Record<ReconciliationRowStatus, number>> | null
  onChange: (selected: ReconciliationRowStatus[]) => void
}

export const ReconciliationStatusFilter = (props: Props) => (
  <StatusChips statuses={ROW_STATUSES} labels={ROW_STATUS_LABELS} alarm="mismatch" {...props} />
)
