import { Alert, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { formatDateTime } from "../../lib/format"
import type { ChannelOrder } from "../../lib/types"
import { ChannelOrderActions } from "./channel-order-actions"
import { ChannelOrderLines } from "./channel-order-lines"
import { ChannelOrderStatusBadge } from "./channel-order-status-badge"

/** One channel order: who sent it and when, where it stands, why it is held, and its lines. */
export const ChannelOrderCard = ({ order }: { order: ChannelOrder }) => {
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <div className="flex flex-col gap-y-3 py-4" data-channel-order={order.external_id} data-status={order.status}>
      <div className="flex flex-wrap items-start justify-between gap-3 px-6">
        <div className="flex flex-col gap-y-1">
          <div className="flex flex-wrap items-center gap-x-2">
            <Text size="small" weight="plus">
              {order.external_id}
            </Text>
            <ChannelOrderStatusBadge status={order.status} />
            <Text size="small" className="text-ui-fg-subtle">
              on {order.channel?.name ?? order.channel_id} · channel says {order.channel_status}
            </Text>
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Placed {formatDateTime(order.placed_at)} · {order.email ?? "no email"} · via {order.source}
          </Text>
          {order.order_id ? (
            <Text size="small">
              <Link to={`/orders/${order.order_id}`} className="text-ui-fg-interactive" data-testid="channel-order-medusa-order">
                Medusa order {order.order_id}
              </Link>
            </Text>
          ) : null}
        </div>
        <ChannelOrderActions order={order} onNotice={setNotice} />
      </div>
      {notice ? (
        <div className="px-6">
          <Alert variant="warning" data-testid="channel-order-notice">
            {notice}
          </Alert>
        </div>
      ) : null}
      {order.error_message ? (
        <div className="px-6">
          <Alert variant="error" data-testid="channel-order-error">
            {order.error_message}
          </Alert>
        </div>
      ) : null}
      {/* A match changes what Release would answer; the last answer no longer holds. */}
      <ChannelOrderLines order={order} onMatched={() => setNotice(null)} />
    </div>
  )
}
