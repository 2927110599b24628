import { Select, Skeleton, Text } from "@medusajs/ui"
import { useSalesChannels } from "../../hooks/use-store-data"

// Radix Select items cannot have an empty value; this one stands for "no sales channel".
const NONE = "__none__"

type Props = {
  id: string
  value: string | null
  onChange: (value: string | null) => void
}

export const SalesChannelSelect = ({ id, value, onChange }: Props) => {
  const { data, isPending, isError } = useSalesChannels()
  if (isPending) {
    return <Skeleton className="h-8 w-full" />
  }
  if (isError) {
    return (
      <Text size="small" className="text-ui-fg-error">
        Could not load sales channels
      </Text>
    )
  }
  return (
    <Select value={value ?? NONE} onValueChange={(next) => onChange(next === NONE ? null : next)} name="sales_channel_id">
      <Select.Trigger id={id}>
        <Select.Value placeholder="No sales channel" />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={NONE}>No sales channel</Select.Item>
        {data.sales_channels.map((channel) => (
          <Select.Item key={channel.id} value={channel.id}>
            {channel.name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
