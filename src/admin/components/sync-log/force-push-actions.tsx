import { Button, usePrompt } from "@medusajs/ui"
import { useForcePush } from "../../hooks/use-sync-logs"
import { plural } from "../../lib/format"
import type { SyncLog, SyncLogFilter } from "../../lib/types"
import { canForcePush } from "./force-push-button"
import { toastForcePushed, toastForcePushFailed } from "./force-push-toast"

type Props = {
  /** Rows ticked on the current page. */
  selected: SyncLog[]
  /** The filters on screen; "all errors" re-queues every open error matching them. */
  filter: SyncLogFilter
  /** Open errors matching the filters, from the list's status counts. */
  errorCount: number
  /** Archived rows are out of Error already; only the normal view has errors to push. */
  archiveView: boolean
  onDone: () => void
}

export const ForcePushActions = ({ selected, filter, errorCount, archiveView, onDone }: Props) => {
  const prompt = usePrompt()
  const forcePush = useForcePush()
  const selectedErrors = selected.filter(canForcePush)

  const pushSelected = () =>
    forcePush.mutate(
      { ids: selectedErrors.map((log) => log.id) },
      {
        onSuccess: (result) => {
          toastForcePushed(result)
          onDone()
        },
        onError: toastForcePushFailed,
      }
    )

  const pushAllErrors = async () => {
    const confirmed = await prompt({
      title: "Force Push all errors?",
      description: `${plural(errorCount, "errored row")} matching the current filters will be archived and their listings pushed again with their newest quantity.`,
      confirmText: "Force Push",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    forcePush.mutate(
      { filter },
      {
        onSuccess: (result) => {
          toastForcePushed(result)
          onDone()
        },
        onError: toastForcePushFailed,
      }
    )
  }

  return (
    <>
      <Button
        size="small"
        variant="secondary"
        data-action="force-push-selected"
        disabled={!selectedErrors.length || forcePush.isPending}
        onClick={pushSelected}
      >
        Force Push selected
      </Button>
      <Button
        size="small"
        variant="secondary"
        data-action="force-push-all-errors"
        disabled={archiveView || errorCount === 0 || forcePush.isPending}
        onClick={pushAllErrors}
      >
        Force Push all errors
      </Button>
    </>
  )
}
