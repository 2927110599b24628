import { Badge, Button, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTestConnection } from "../../hooks/use-channels"
import { useTestProviderConnection } from "../../hooks/use-providers"
import { typedCredentials } from "../../lib/channel-form"
import { errorMessage } from "../../lib/errors"
import type { ConnectionResult } from "../../lib/types"
import { connectionMessage } from "../channel-detail/test-connection-button"

type Props = {
  providerId: string | undefined
  /** What is typed in the credential inputs, not saved yet. */
  credentials: Record<string, string>
  /** On edit: with nothing typed, the channel's stored credentials are tested instead. */
  channelId?: string
}

/** The answer shown, or the request's own failure (a 400 naming a missing field). */
type Outcome = { connection: ConnectionResult } | { failure: string }

/**
 * "Test connection" inside a channel form: asks the marketplace whether the credentials as typed
 * work, before anything is saved, and shows the account it reached or the channel's refusal.
 */
export const ConnectionCheck = ({ providerId, credentials, channelId }: Props) => {
  const unsaved = useTestProviderConnection()
  const stored = useTestConnection(channelId ?? "")
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const typed = typedCredentials(credentials)

  // An answer is about the values it was given; once they change it says nothing any more.
  const signature = JSON.stringify([providerId, typed ?? null])
  useEffect(() => setOutcome(null), [signature])

  const run = () => {
    setOutcome(null)
    const callbacks = {
      onError: (error: unknown) => setOutcome({ failure: errorMessage(error, "The connection could not be tested") }),
    }
    if (!typed && channelId) {
      stored.mutate(undefined, { ...callbacks, onSuccess: ({ connection }) => setOutcome({ connection }) })
      return
    }
    unsaved.mutate(
      // Nothing typed still goes out, so the provider names the field it needs.
      { providerId: providerId!, credentials: typed ?? {} },
      { ...callbacks, onSuccess: (connection) => setOutcome({ connection }) }
    )
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <Button
        type="button"
        size="small"
        variant="secondary"
        data-action="test-unsaved-connection"
        disabled={!providerId}
        isLoading={unsaved.isPending || stored.isPending}
        onClick={run}
      >
        Test connection
      </Button>
      {outcome ? (
        <div className="flex items-center gap-x-2" role="status" data-testid="connection-result" data-ok={"connection" in outcome && outcome.connection.ok}>
          <Badge size="2xsmall" color={"connection" in outcome && outcome.connection.ok ? "green" : "red"}>
            {"connection" in outcome && outcome.connection.ok ? "OK" : "Failed"}
          </Badge>
          <Text size="small">{"connection" in outcome ? connectionMessage(outcome.connection) : outcome.failure}</Text>
        </div>
      ) : null}
    </div>
  )
}
