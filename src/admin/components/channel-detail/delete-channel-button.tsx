import { Button, toast, usePrompt } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { useDeleteChannel } from "../../hooks/use-channels"
import { errorMessage } from "../../lib/errors"
import type { Channel } from "../../lib/types"

export const DeleteChannelButton = ({ channel }: { channel: Channel }) => {
  const prompt = usePrompt()
  const navigate = useNavigate()
  const remove = useDeleteChannel(channel.id)

  const onClick = async () => {
    const confirmed = await prompt({
      title: `Delete ${channel.name}?`,
      description: "The channel, its location mapping and all its listings are deleted. Nothing is changed on the marketplace.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.success(`Channel "${channel.name}" deleted`)
        navigate("/marketplaces", { replace: true })
      },
      onError: (error) => toast.error(errorMessage(error, "The channel could not be deleted")),
    })
  }

  return (
    <Button size="small" variant="danger" onClick={onClick} isLoading={remove.isPending}>
      Delete
    </Button>
  )
}
