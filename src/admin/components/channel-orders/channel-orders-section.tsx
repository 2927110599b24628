import { Container, Input, Select, Table } from "@medusajs/ui"
import { useState } from "react"
import { useChannelOrderCounts, useChannelOrders } from "../../hooks/use-channel-orders"
import { useChannels } from "../../hooks/use-channels"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { CHANNEL_ORDER_STATUS_LABELS, CHANNEL_ORDER_STATUSES, OPEN_CHANNEL_ORDER_STATUSES } from "../../lib/channel-order-status"
import type { ChannelOrderStatus } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { StatusChips } from "../common/status-chips"
import { ChannelOrderCard } from "./channel-order-card"

const PAGE_SIZE = 20
const CHANNEL_PICKER_LIMIT = 200
// Radix Select items cannot have an empty value; this one stands for every channel.
const ALL_CHANNELS = "__all__"

/**
 * Channel orders that did not become Medusa orders on their own: staged ones wait for a SKU to
 * be matched (their matched lines' stock is held meanwhile), failed ones for a retry.
 */
export const ChannelOrdersSection = () => {
  const [statuses, setStatuses] = useState<ChannelOrderStatus[]>(OPEN_CHANNEL_ORDER_STATUSES)
  const [channelId, setChannelId] = useState(ALL_CHANNELS)
  const [q, setQ] = useState("")
  const [pageIndex, setPageIndex] = useState(0)
  const search = useDebouncedValue(q.trim())
  const channels = useChannels({ limit: CHANNEL_PICKER_LIMIT, offset: 0 })

  const filter = { ...(channelId === ALL_CHANNELS ? {} : { channel_id: channelId }), ...(search ? { q: search } : {}) }
  const counts = useChannelOrderCounts(CHANNEL_ORDER_STATUSES, filter)
  const { data, isPending, isError, error, refetch } = useChannelOrders({
    ...filter,
    status: statuses.length ? statuses : undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  const pageCount = Math.max(1, Math.ceil((data?.count ?? 0) / PAGE_SIZE))
  const defaultView =
    !search && channelId === ALL_CHANNELS && statuses.length === OPEN_CHANNEL_ORDER_STATUSES.length && statuses.every((s) => OPEN_CHANNEL_ORDER_STATUSES.includes(s))

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Unmatched Orders"
        level="h1"
        description="Orders from channels that wait for a SKU to be matched, or for a failed import to be retried."
      />
      <div className="flex flex-wrap items-center gap-4 px-6 py-4">
        <StatusChips
          statuses={CHANNEL_ORDER_STATUSES}
          labels={CHANNEL_ORDER_STATUS_LABELS}
          selected={statuses}
          counts={counts}
          alarm="failed"
          onChange={(next) => {
            setStatuses(next)
            setPageIndex(0)
          }}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4 px-6 py-4">
        <div className="w-[240px]">
          <Select
            size="small"
            name="channel_id"
            value={channelId}
            onValueChange={(next) => {
              setChannelId(next)
              setPageIndex(0)
            }}
          >
            <Select.Trigger aria-label="Channel">
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
        <div className="w-full max-w-[320px]">
          <Input
            type="search"
            size="small"
            name="q"
            aria-label="Search channel order id"
            placeholder="Search the channel's order id"
            value={q}
            onChange={(event) => {
              setQ(event.target.value)
              setPageIndex(0)
            }}
          />
        </div>
      </div>
      {isPending ? (
        <SectionLoading rows={4} />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.channel_orders.length ? (
        <SectionEmpty>
          {defaultView ? "No orders are waiting: every channel order became a Medusa order." : "No channel orders match the filters."}
        </SectionEmpty>
      ) : (
        <div>
          <div className="divide-y">
            {data.channel_orders.map((order) => (
              <ChannelOrderCard key={order.id} order={order} />
            ))}
          </div>
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
      )}
    </Container>
  )
}
