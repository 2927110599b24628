import { Button } from "@medusajs/ui"
import { useStartExport } from "../../hooks/use-exports"
import type { SyncLogFilter, SyncLogView, SyncStatus } from "../../lib/types"

type Props = { filter: SyncLogFilter; view: SyncLogView; statuses: SyncStatus[] }

/** Exports exactly what the page lists (view, statuses, filters), every page of it. */
export const ExportButton = ({ filter, view, statuses }: Props) => {
  const exporter = useStartExport()
  return (
    <Button
      size="small"
      variant="secondary"
      data-action="export"
      isLoading={exporter.isPending}
      onClick={() => exporter.start({ kind: "sync_log", filter: { ...filter, view, ...(statuses.length ? { status: statuses } : {}) } })}
    >
      Export
    </Button>
  )
}
