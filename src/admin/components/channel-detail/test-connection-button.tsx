import { Button, toast } from "@medusajs/ui"
import { useTestConnection } from "../../hooks/use-channels"
import { errorMessage } from "../../lib/errors"
import type { ConnectionResult } from "../../lib/types"

type Props = { channelId: string; onResult: (result: ConnectionResult) => void }

/** Asks the marketplace whether the stored credentials work; changes nothing on either side. */
export const TestConnectionButton = ({ channelId, onResult }: Props) => {
  const test = useTestConnection(channelId)

  const run = () =>
    test.mutate(undefined, {
      onSuccess: ({ connection }) => {
        onResult(connection)
        if (connection.ok) {
          toast.success("Connection works", {
            description: connection.account ? `Connected to ${connection.account}` : undefined,
          })
        } else {
          toast.error("Connection failed", { description: connectionMessage(connection) })
        }
      },
      onError: (error) => toast.error("Connection test failed", { description: errorMessage(error) }),
    })

  return (
    <Button size="small" variant="secondary" onClick={run} isLoading={test.isPending}>
      Test connection
    </Button>
  )
}

export function connectionMessage(result: ConnectionResult): string {
  if (result.ok) {
    return result.account ? `Connected to ${result.account}` : "Connected"
  }
  const { kind, message, code } = result.error
  return `${message} (${code ? `${kind}, ${code}` : kind})`
}
