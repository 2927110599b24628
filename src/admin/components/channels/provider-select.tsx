import { Select } from "@medusajs/ui"
import type { MarketplaceProvider } from "../../lib/types"

type Props = {
  id: string
  providers: MarketplaceProvider[]
  value: string
  onChange: (value: string) => void
}

export const ProviderSelect = ({ id, providers, value, onChange }: Props) => (
  <Select value={value} onValueChange={onChange} name="provider_id">
    <Select.Trigger id={id}>
      <Select.Value placeholder="Choose a provider" />
    </Select.Trigger>
    <Select.Content>
      {providers.map((provider) => (
        <Select.Item key={provider.id} value={provider.id}>
          {provider.display_name}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)
