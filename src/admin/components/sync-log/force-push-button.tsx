import { Button } from "@medusajs/ui"
import type { MouseEvent } from "react"
import { useForcePush } from "../../hooks/use-sync-logs"
import type { SyncLog } from "../../lib/types"
import { toastForcePushed, toastForcePushFailed } from "./force-push-toast"

/** Only open errors can be pushed again; an archived row was already moved out of Error. */
export function canForcePush(log: SyncLog): boolean {
  return log.status === "error" && !log.archived
}

type Props = { log: SyncLog; onDone?: () => void }

/** Re-queues one errored row's listing; sits inside a clickable row, so it keeps its clicks. */
export const ForcePushButton = ({ log, onDone }: Props) => {
  const forcePush = useForcePush()

  const onClick = (event: MouseEvent) => {
    event.stopPropagation()
    forcePush.mutate(
      { ids: [log.id] },
      {
        onSuccess: (result) => {
          toastForcePushed(result)
          onDone?.()
        },
        onError: toastForcePushFailed,
      }
    )
  }

  return (
    <Button
      size="small"
      variant="secondary"
      data-action="force-push"
      data-sync-log-id={log.id}
      isLoading={forcePush.isPending}
      onClick={onClick}
    >
      Force Push
    </Button>
  )
}
