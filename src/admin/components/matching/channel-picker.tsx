import { Select } from "@medusajs/ui"
import type { Channel } from "../../lib/types"

type Props = { channels: Channel[]; value: string | null; onChange: (id: string) => void }

export const ChannelPicker = ({ channels, value, onChange }: Props) => (
  <div className="w-[240px]">
    <Select size="small" name="channel_id" value={value ?? undefined} onValueChange={onChange}>
      <Select.Trigger aria-label="Channel">
        <Select.Value placeholder="Choose a channel" />
      </Select.Trigger>
      <Select.Content>
        {channels.map((channel) => (
          <Select.Item key={channel.id} value={channel.id}>
            {channel.name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  </div>
)
