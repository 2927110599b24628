import { Button, toast } from "@medusajs/ui"
import { useSyncChannel } from "../../hooks/use-channels"
import { errorMessage } from "../../lib/errors"
import { plural } from "../../lib/format"

/** Pushes every listing of the channel its current quantity, even ones the channel already shows. */
export const SyncChannelButton = ({ channelId }: { channelId: string }) => {
  const sync = useSyncChannel(channelId)

  const onClick = () =>
    sync.mutate(undefined, {
      onSuccess: ({ due }) => toast.success(`${plural(due, "listing")} queued`),
      onError: (error) => toast.error(errorMessage(error, "The channel could not be synced")),
    })

  return (
    <Button size="small" variant="secondary" data-action="sync-channel" isLoading={sync.isPending} onClick={onClick}>
      Sync now
    </Button>
  )
}
