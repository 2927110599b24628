import { StatusBadge } from "@medusajs/ui"
import { CHANNEL_ORDER_STATUS_COLORS, CHANNEL_ORDER_STATUS_LABELS } from "../../lib/channel-order-status"
import type { ChannelOrderStatus } from "../../lib/types"

export const ChannelOrderStatusBadge = ({ status }: { status: ChannelOrderStatus }) => (
  <StatusBadge color={CHANNEL_ORDER_STATUS_COLORS[status]} data-channel-order-status={status} className="whitespace-nowrap">
    {CHANNEL_ORDER_STATUS_LABELS[status]}
  </StatusBadge>
)
