import { Alert, Badge, Container, Text } from "@medusajs/ui"
import { useState } from "react"
import { useProviders } from "../../hooks/use-providers"
import { useSalesChannels } from "../../hooks/use-store-data"
import { formatDate } from "../../lib/format"
import type { Channel, ConnectionResult } from "../../lib/types"
import { DetailRow } from "../common/detail-row"
import { DEFAULT_SKU_SEPARATORS } from "../channels/order-import-fields"
import { SectionHeader } from "../common/section-header"
import { DeleteChannelButton } from "./delete-channel-button"
import { EditChannelDrawer } from "./edit-channel-drawer"
import { SyncChannelButton } from "./sync-channel-button"
import { SyncToggle } from "./sync-toggle"
import { connectionMessage, TestConnectionButton } from "./test-connection-button"

export const GeneralSection = ({ channel }: { channel: Channel }) => {
  const providers = useProviders()
  const salesChannels = useSalesChannels()
  const [connection, setConnection] = useState<ConnectionResult | null>(null)

  const provider = providers.data?.providers.find((p) => p.id === channel.provider_id)
  const providerName = provider?.display_name
  const salesChannelName = channel.sales_channel_id
    ? salesChannels.data?.sales_channels.find((sc) => sc.id === channel.sales_channel_id)?.name ?? channel.sales_channel_id
    : "-"

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title={channel.name}
        level="h1"
        description={channel.code}
        actions={
          <>
            <SyncChannelButton channelId={channel.id} />
            <TestConnectionButton channelId={channel.id} onResult={setConnection} />
            <EditChannelDrawer channel={channel} />
            <DeleteChannelButton channel={channel} />
          </>
        }
      />
      {channel.warnings?.length ? (
        <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="channel-warnings">
          {channel.warnings.map((warning) => (
            <Alert key={warning} variant="warning">
              {warning}
            </Alert>
          ))}
        </div>
      ) : null}
      <DetailRow label="Code" value={channel.code} />
      <DetailRow label="Provider" value={providerName ? `${providerName} (${channel.provider_id})` : channel.provider_id} />
      <DetailRow label="Sales channel" value={salesChannelName} />
      <DetailRow label="Credentials" value={<CredentialsSummary channel={channel} />} />
      <DetailRow label="Stock sync" value={<SyncToggle channel={channel} />} />
      <DetailRow
        label="Order import"
        value={<Badge size="2xsmall" color={channel.order_import_enabled ? "green" : "grey"}>{channel.order_import_enabled ? "On" : "Off"}</Badge>}
      />
      {(provider?.setting_fields ?? []).map((field) => (
        <DetailRow
          key={field.name}
          label={field.label}
          value={field.type === "boolean" ? (channel.settings?.[field.name] ? "On" : "Off") : String(channel.settings?.[field.name] ?? field.default)}
        />
      ))}
      <DetailRow label="SKU separators" value={channel.sku_separators ?? `${DEFAULT_SKU_SEPARATORS} (default)`} />
      {connection ? (
        <DetailRow
          label="Connection test"
          value={
            <div className="flex items-center gap-x-2">
              <Badge size="2xsmall" color={connection.ok ? "green" : "red"}>
                {connection.ok ? "OK" : "Failed"}
              </Badge>
              <Text size="small">{connectionMessage(connection)}</Text>
            </div>
          }
        />
      ) : null}
      <DetailRow label="Created" value={formatDate(channel.created_at)} />
    </Container>
  )
}

const CredentialsSummary = ({ channel }: { channel: Channel }) => {
  if (!channel.has_credentials || !channel.credentials) {
    return <Badge size="2xsmall" color="orange">Not set</Badge>
  }
  return (
    <div className="flex flex-col">
      {Object.entries(channel.credentials).map(([key, value]) => (
        <Text key={key} size="small" className="font-mono">
          {key}: {value}
        </Text>
      ))}
    </div>
  )
}
