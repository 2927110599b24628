import { Button, toast } from "@medusajs/ui"
import { useReleaseChannelOrder, useRetryChannelOrder } from "../../hooks/use-channel-orders"
import { errorMessage } from "../../lib/errors"
import type { ChannelOrder } from "../../lib/types"

type Props = { order: ChannelOrder; onNotice: (notice: string | null) => void }

const statusOf = (error: unknown) => (error as { status?: number } | null)?.status

/**
 * Release (staged) and Retry (failed). A refused release says why in the order itself:
 * 409 names the lines still unmatched, 422 is the import's own refusal (not enough stock …).
 */
export const ChannelOrderActions = ({ order, onNotice }: Props) => {
  const release = useReleaseChannelOrder()
  const retry = useRetryChannelOrder()

  const onRelease = () =>
    release.mutate(order.id, {
      onSuccess: () => {
        onNotice(null)
        toast.success(`Order ${order.external_id} released`, { description: "It is a Medusa order now." })
      },
      onError: (error) => {
        const message =
          statusOf(error) === 409
            ? `Not released: ${/^Still unmatched/.test(errorMessage(error)) ? "every line needs a matched listing first. " : ""}${errorMessage(error)}.`
            : statusOf(error) === 422
              ? `Not released: the import was refused. ${errorMessage(error)}`
              : errorMessage(error, `Order ${order.external_id} could not be released`)
        onNotice(message)
        toast.error(`Order ${order.external_id} not released`, { description: message })
      },
    })

  const onRetry = () =>
    retry.mutate(order.id, {
      onSuccess: () => {
        onNotice(null)
        toast.success(`Order ${order.external_id} imported again`)
      },
      // The route answers a failed retry with the order only; its refreshed row shows the reason.
      onError: (error) => {
        const message = statusOf(error) === 422 ? "The import failed again; the reason is shown on the order." : errorMessage(error, "Retry failed")
        onNotice(message)
        toast.error(`Order ${order.external_id} not imported`, { description: message })
      },
    })

  if (order.status === "staged") {
    return (
      <Button size="small" data-action="release-order" isLoading={release.isPending} onClick={onRelease}>
        Release
      </Button>
    )
  }
  if (order.status === "failed") {
    return (
      <Button size="small" variant="secondary" data-action="retry-order" isLoading={retry.isPending} onClick={onRetry}>
        Retry
      </Button>
    )
  }
  return null
}
