import { Button, toast, usePrompt } from "@medusajs/ui"
import { useDeleteListing } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import type { Listing } from "../../lib/types"

export const DeleteListingButton = ({ listing, onDeleted }: { listing: Listing; onDeleted: () => void }) => {
  const prompt = usePrompt()
  const remove = useDeleteListing(listing.id)

  const onClick = async () => {
    const confirmed = await prompt({
      title: `Delete listing ${listing.channel_sku}?`,
      description:
        "The listing and its sync state are deleted here; the channel keeps showing its last quantity. A catalogue import brings it back unmatched.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.success(`Listing ${listing.channel_sku} deleted`)
        onDeleted()
      },
      onError: (error) => toast.error(errorMessage(error, "The listing could not be deleted")),
    })
  }

  return (
    <Button size="small" variant="danger" type="button" onClick={onClick} isLoading={remove.isPending} data-action="delete-listing">
      Delete
    </Button>
  )
}
