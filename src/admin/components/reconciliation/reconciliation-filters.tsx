import { Button, Checkbox, Label, Select } from "@medusajs/ui"
import { useState } from "react"
import { useChannels } from "../../hooks/use-channels"
import { useChannelLocations } from "../../hooks/use-channel-locations"
import { useProviders } from "../../hooks/use-providers"

const CHANNEL_PICKER_LIMIT = 200
const ALL_PROVIDERS = "all"

type Props = {
  channelId: string | null
  locationIds: string[]
  onChannelChange: (id: string) => void
  onLocationsChange: (ids: string[]) => void
  onGenerate: () => void
  generating: boolean
}

/**
 * Provider (marketplace), channel (account) and its locations, then Generate. The provider only
 * narrows the channel list; no location ticked means all of them.
 */
export const ReconciliationFilters = ({ channelId, locationIds, onChannelChange, onLocationsChange, onGenerate, generating }: Props) => {
  const channels = useChannels({ limit: CHANNEL_PICKER_LIMIT, offset: 0 })
  const providers = useProviders()
  const [providerId, setProviderId] = useState(ALL_PROVIDERS)
  const listed = (channels.data?.channels ?? []).filter((c) => providerId === ALL_PROVIDERS || c.provider_id === providerId)
  const locations = useChannelLocations(channelId ?? "")
  const channelLocations = channelId ? locations.data?.locations ?? [] : []

  const toggle = (id: string, checked: boolean) =>
    onLocationsChange(checked ? [...locationIds, id] : locationIds.filter((l) => l !== id))

  return (
    <div className="flex flex-wrap items-center gap-4 px-6 py-4">
      <div className="w-[200px]">
        <Select size="small" name="provider_id" value={providerId} onValueChange={setProviderId}>
          <Select.Trigger aria-label="Provider">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL_PROVIDERS}>All providers</Select.Item>
            {(providers.data?.providers ?? []).map((provider) => (
              <Select.Item key={provider.id} value={provider.id}>
                {provider.display_name ?? provider.id}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="w-[240px]">
        <Select size="small" name="channel_id" value={channelId ?? undefined} onValueChange={onChannelChange}>
          <Select.Trigger aria-label="Channel">
            <Select.Value placeholder="Choose a channel" />
          </Select.Trigger>
          <Select.Content>
            {listed.map((channel) => (
              <Select.Item key={channel.id} value={channel.id}>
                {channel.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {channelLocations.map((location) => (
        <div key={location.id} className="flex items-center gap-x-2">
          <Checkbox
            id={`reconcile-location-${location.id}`}
            checked={locationIds.includes(location.id)}
            onCheckedChange={(checked) => toggle(location.id, checked === true)}
          />
          <Label htmlFor={`reconcile-location-${location.id}`} size="small">
            {location.code}
          </Label>
        </div>
      ))}
      <Button size="small" data-action="generate" disabled={!channelId} isLoading={generating} onClick={onGenerate}>
        Generate
      </Button>
    </div>
  )
}
