import type { ReconciliationRowStatus } from "../../lib/types"

export const ROW_STATUSES: ReconciliationRowStatus[] = ["mismatch", "missing", "match", "not_matched", "disabled", "error"]

export const ROW_STATUS_LABELS: Record<ReconciliationRowStatus, string> = {
  match: "Match",
  mismatch: "Mismatch",
  missing: "Missing on channel",
  not_matched: "Not matched",
  disabled: "Disabled",
  error: "Error",
}

export const ROW_STATUS_COLORS = {
  match: "green",
  mismatch: "red",
  missing: "orange",
  not_matched: "grey",
  disabled: "grey",
  error: "red",
} as const
