import { EllipsisHorizontal, PencilSquare, Trash } from "@medusajs/icons"
import { DropdownMenu, IconButton, toast, usePrompt } from "@medusajs/ui"
import { useDeleteChannelLocation } from "../../hooks/use-channel-locations"
import { errorMessage } from "../../lib/errors"
import type { ChannelLocation } from "../../lib/types"

type Props = { channelId: string; location: ChannelLocation; onEdit: () => void }

export const LocationRowActions = ({ channelId, location, onEdit }: Props) => {
  const prompt = usePrompt()
  const remove = useDeleteChannelLocation(channelId)

  const onDelete = async () => {
    const confirmed = await prompt({
      title: `Delete location ${location.code}?`,
      description: "Listings of this channel stop receiving quantities for this location.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (confirmed) {
      remove.mutate(location.id, {
        onSuccess: () => toast.success(`Location ${location.code} deleted`),
        onError: (error) => toast.error(errorMessage(error, "The location could not be deleted")),
      })
    }
  }

  return (
    <DropdownMenu modal={false}>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={`Actions for ${location.code}`}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        <DropdownMenu.Item className="gap-x-2" onClick={onEdit}>
          <PencilSquare className="text-ui-fg-subtle" />
          Edit
        </DropdownMenu.Item>
        <DropdownMenu.Item className="gap-x-2" onClick={onDelete} disabled={remove.isPending}>
          <Trash className="text-ui-fg-subtle" />
          Delete
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
