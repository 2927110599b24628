import { StatusBadge } from "@medusajs/ui"
import type { ExportStatus } from "../../lib/types"

const COLORS = { pending: "orange", success: "green", failed: "red" } as const
const LABELS = { pending: "Pending", success: "Success", failed: "Failed" } as const

export const ExportStatusBadge = ({ status }: { status: ExportStatus }) => (
  <StatusBadge color={COLORS[status]} data-export-status={status} className="whitespace-nowrap">
    {LABELS[status]}
  </StatusBadge>
)
