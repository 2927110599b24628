import { Button, DropdownMenu, IconButton, toast, usePrompt } from "@medusajs/ui"
import { EllipsisHorizontal } from "@medusajs/icons"
import { useNavigate } from "react-router-dom"
import { useStartExport } from "../../hooks/use-exports"
import { useForceReconcile } from "../../hooks/use-reconciliations"
import { errorMessage } from "../../lib/errors"
import { plural } from "../../lib/format"
import type { ReconciliationRowStatus } from "../../lib/types"

type Props = {
  channelId: string | null
  channelName: string
  locationIds: string[]
  runId: string | null
  statuses: ReconciliationRowStatus[]
  selectedIds: string[]
  onDone: () => void
}

/** Force Reconcile (all, or the ticked rows) with a confirmation; Export in the menu. */
export const ReconciliationActions = ({ channelId, channelName, locationIds, runId, statuses, selectedIds, onDone }: Props) => {
  const prompt = usePrompt()
  const navigate = useNavigate()
  const force = useForceReconcile()
  const exporter = useStartExport()

  const run = async (scope: "all" | "selected") => {
    const confirmed = await prompt({
      title: "Force Reconcile?",
      description:
        scope === "selected"
          ? `${channelName} will be set to our sellable quantity for ${plural(selectedIds.length, "selected row")}.`
          : `${channelName} will be set to our sellable quantity for every listing${locationIds.length ? " at the chosen locations" : ""}. Allowed once per cooldown.`,
      confirmText: "Force Reconcile",
      cancelText: "Cancel",
    })
    if (!confirmed || !channelId) {
      return
    }
    force.mutate(scope === "selected" ? { row_ids: selectedIds } : { channel_id: channelId, ...(locationIds.length ? { location_ids: locationIds } : {}) }, {
      onSuccess: (result) => {
        toast.success(`${plural(result.due, "quantity")} queued for ${channelName}`)
        onDone()
      },
      onError: (error) => toast.error(errorMessage(error, "Force Reconcile failed")),
    })
  }

  const exportView = () =>
    runId && exporter.start({ kind: "reconciliation", filter: { reconciliation_id: runId, ...(statuses.length ? { status: statuses } : {}) } })

  return (
    <>
      <Button size="small" variant="secondary" data-action="force-reconcile-selected" disabled={!selectedIds.length || force.isPending} onClick={() => run("selected")}>
        Force Reconcile selected
      </Button>
      <Button size="small" variant="secondary" data-action="force-reconcile" disabled={!channelId || force.isPending} onClick={() => run("all")}>
        Force Reconcile
      </Button>
      <DropdownMenu>
        <DropdownMenu.Trigger asChild>
          <IconButton size="small" aria-label="More actions" data-action="reconciliation-menu">
            <EllipsisHorizontal />
          </IconButton>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content>
          <DropdownMenu.Item disabled={!runId} onClick={exportView} data-action="export-reconciliation">
            Export
          </DropdownMenu.Item>
          <DropdownMenu.Item onClick={() => navigate("/marketplaces/exports")}>Export History</DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu>
    </>
  )
}
