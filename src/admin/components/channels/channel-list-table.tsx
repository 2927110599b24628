import { Table, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { useChannels } from "../../hooks/use-channels"
import { useProviders } from "../../hooks/use-providers"
import { useSalesChannels } from "../../hooks/use-store-data"
import { formatDate } from "../../lib/format"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SyncStatusBadge } from "../common/sync-status-badge"

const PAGE_SIZE = 20

export const ChannelListTable = () => {
  const navigate = useNavigate()
  const [pageIndex, setPageIndex] = useState(0)
  const { data, isPending, isError, error, refetch } = useChannels({ limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  const providers = useProviders()
  const salesChannels = useSalesChannels()

  const providerNames = useMemo(
    () => new Map((providers.data?.providers ?? []).map((p) => [p.id, p.display_name])),
    [providers.data]
  )
  const salesChannelNames = useMemo(
    () => new Map((salesChannels.data?.sales_channels ?? []).map((sc) => [sc.id, sc.name])),
    [salesChannels.data]
  )

  if (isPending) {
    return <SectionLoading />
  }
  if (isError) {
    return <SectionError error={error} onRetry={() => refetch()} />
  }
  if (!data.channels.length && pageIndex === 0) {
    return <SectionEmpty>No marketplace channels yet. Create one to start syncing stock.</SectionEmpty>
  }

  const pageCount = Math.max(1, Math.ceil(data.count / PAGE_SIZE))
  return (
    <div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Code</Table.HeaderCell>
            <Table.HeaderCell>Provider</Table.HeaderCell>
            <Table.HeaderCell>Sync</Table.HeaderCell>
            <Table.HeaderCell>Sales channel</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Locations</Table.HeaderCell>
            <Table.HeaderCell>Created</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.channels.map((channel) => (
            <Table.Row
              key={channel.id}
              data-channel-code={channel.code}
              className="cursor-pointer"
              onClick={() => navigate(`/marketplaces/${channel.id}`)}
            >
              <Table.Cell>
                <Link to={`/marketplaces/${channel.id}`} onClick={(event) => event.stopPropagation()}>
                  <Text size="small" weight="plus" as="span">
                    {channel.name}
                  </Text>
                </Link>
              </Table.Cell>
              <Table.Cell>{channel.code}</Table.Cell>
              <Table.Cell>{providerNames.get(channel.provider_id) ?? channel.provider_id}</Table.Cell>
              <Table.Cell className="max-w-[240px]">
                <SyncStatusBadge enabled={channel.sync_enabled} reason={channel.disabled_reason} />
              </Table.Cell>
              <Table.Cell>
                {channel.sales_channel_id ? salesChannelNames.get(channel.sales_channel_id) ?? channel.sales_channel_id : "-"}
              </Table.Cell>
              <Table.Cell className="text-right">{channel.locations?.length ?? 0}</Table.Cell>
              <Table.Cell>{formatDate(channel.created_at)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={data.count}
        pageSize={PAGE_SIZE}
        pageIndex={pageIndex}
        pageCount={pageCount}
        canPreviousPage={pageIndex > 0}
        canNextPage={pageIndex + 1 < pageCount}
        previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
        nextPage={() => setPageIndex((index) => index + 1)}
      />
    </div>
  )
}
