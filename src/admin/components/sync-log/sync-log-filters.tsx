import { Input, Select } from "@medusajs/ui"
import { useChannels } from "../../hooks/use-channels"
import type { SyncLogFilterDraft } from "../../lib/sync-log-filter"

// The channel picker lists every channel at once; a store rarely has more than a few dozen.
const CHANNEL_PICKER_LIMIT = 200
const ALL_CHANNELS = "all"

type Props = { draft: SyncLogFilterDraft; onChange: (draft: SyncLogFilterDraft) => void }

export const SyncLogFilters = ({ draft, onChange }: Props) => {
  const channels = useChannels({ limit: CHANNEL_PICKER_LIMIT, offset: 0 })
  const set = (patch: Partial<SyncLogFilterDraft>) => onChange({ ...draft, ...patch })

  return (
    <div className="flex flex-wrap items-center gap-2 px-6 py-4">
      <div className="w-[200px]">
        <Select
          size="small"
          name="channel_id"
          value={draft.channel_id ?? ALL_CHANNELS}
          onValueChange={(value) => set({ channel_id: value === ALL_CHANNELS ? null : value })}
        >
          <Select.Trigger aria-label="Channel filter">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL_CHANNELS}>All channels</Select.Item>
            {(channels.data?.channels ?? []).map((channel) => (
              <Select.Item key={channel.id} value={channel.id}>
                {channel.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="w-full max-w-[280px]">
        <Input
          type="search"
          size="small"
          name="q"
          aria-label="Search SKU or channel SKU"
          placeholder="Search SKU or channel SKU"
          value={draft.q}
          onChange={(event) => set({ q: event.target.value })}
        />
      </div>
      <div className="flex items-center gap-x-2">
        <Input
          type="date"
          size="small"
          name="created_from"
          aria-label="Created from"
          value={draft.created_from}
          max={draft.created_to || undefined}
          onChange={(event) => set({ created_from: event.target.value })}
        />
        <span className="text-ui-fg-muted txt-compact-small">to</span>
        <Input
          type="date"
          size="small"
          name="created_to"
          aria-label="Created to"
          value={draft.created_to}
          min={draft.created_from || undefined}
          onChange={(event) => set({ created_to: event.target.value })}
        />
      </div>
    </div>
  )
}
