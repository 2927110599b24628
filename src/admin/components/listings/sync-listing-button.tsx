import { Button, toast } from "@medusajs/ui"
import type { MouseEvent } from "react"
import { useSyncListing } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"

type Props = { listingId: string; channelSku: string; label: string }

/** Pushes one listing's current quantity now; sits inside clickable rows, so it keeps its clicks. */
export const SyncListingButton = ({ listingId, channelSku, label }: Props) => {
  const sync = useSyncListing()

  const onClick = (event: MouseEvent) => {
    event.stopPropagation()
    sync.mutate(listingId, {
      onSuccess: ({ due }) =>
        due > 0
          ? toast.success(`Listing ${channelSku} queued`)
          : toast.warning(`Nothing queued for listing ${channelSku}`, {
              description: "Stock sync is off for this listing or its channel.",
            }),
      onError: (error) => toast.error(errorMessage(error, `Listing ${channelSku} could not be queued`)),
    })
  }

  return (
    <Button
      size="small"
      variant="secondary"
      data-action="sync-listing"
      data-listing-id={listingId}
      isLoading={sync.isPending}
      onClick={onClick}
    >
      {label}
    </Button>
  )
}
