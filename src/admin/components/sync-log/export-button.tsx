import { Button, toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { useCreateExport } from "../../hooks/use-exports"
import { errorMessage } from "../../lib/errors"
import type { SyncLogFilter, SyncLogView, SyncStatus } from "../../lib/types"

type Props = { filter: SyncLogFilter; view: SyncLogView; statuses: SyncStatus[] }

/** Exports exactly what the page lists (view, statuses, filters), every page of it. */
export const ExportButton = ({ filter, view, statuses }: Props) => {
  const navigate = useNavigate()
  const createExport = useCreateExport()

  const start = () =>
    createExport.mutate(
      { kind: "sync_log", filter: { ...filter, view, ...(statuses.length ? { status: statuses } : {}) } },
      {
        onSuccess: () =>
          toast.success("Export started", {
            description: "The workbook is written in the background; download it from the Export History.",
            action: { label: "Open", altText: "Open the Export History", onClick: () => navigate("/marketplaces/exports") },
          }),
        onError: (error) => toast.error(errorMessage(error, "The export could not be started")),
      }
    )

  return (
    <Button size="small" variant="secondary" data-action="export" isLoading={createExport.isPending} onClick={start}>
      Export
    </Button>
  )
}
