import { Button, Input, Label, Prompt, Switch, toast } from "@medusajs/ui"
import { useState } from "react"
import { useUpdateChannel } from "../../hooks/use-channels"
import { errorMessage } from "../../lib/errors"
import type { Channel } from "../../lib/types"
import { SyncStatusBadge } from "../common/sync-status-badge"

/** Turning sync off asks why, so the next person knows whether it is safe to turn back on. */
export const SyncToggle = ({ channel }: { channel: Channel }) => {
  const update = useUpdateChannel(channel.id)
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState("")

  const save = (body: { sync_enabled: boolean; disabled_reason: string | null }) =>
    update.mutate(body, {
      onSuccess: () => {
        toast.success(body.sync_enabled ? "Stock sync enabled" : "Stock sync disabled")
        setAsking(false)
      },
      onError: (error) => toast.error(errorMessage(error, "Could not change stock sync")),
    })

  const onCheckedChange = (checked: boolean) => {
    if (checked) {
      save({ sync_enabled: true, disabled_reason: null })
    } else {
      setReason("")
      setAsking(true)
    }
  }

  return (
    <div className="flex items-center gap-x-3">
      <Switch
        id="channel-sync-switch"
        aria-label="Stock sync"
        checked={channel.sync_enabled}
        disabled={update.isPending}
        onCheckedChange={onCheckedChange}
      />
      <SyncStatusBadge enabled={channel.sync_enabled} reason={channel.disabled_reason} />
      <Prompt open={asking} onOpenChange={setAsking}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>Disable stock sync?</Prompt.Title>
            <Prompt.Description>
              Quantities for {channel.name} keep being computed and shown, but nothing is pushed to the channel.
            </Prompt.Description>
          </Prompt.Header>
          <div className="flex flex-col gap-y-2 px-6 pt-4">
            <Label htmlFor="channel-disable-reason" size="small" weight="plus">
              Reason
            </Label>
            <Input
              id="channel-disable-reason"
              name="disabled_reason"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder="Holiday closure"
            />
          </div>
          <Prompt.Footer>
            <Prompt.Cancel>Cancel</Prompt.Cancel>
            <Button
              size="small"
              isLoading={update.isPending}
              onClick={() => save({ sync_enabled: false, disabled_reason: reason.trim() || null })}
            >
              Disable sync
            </Button>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </div>
  )
}
