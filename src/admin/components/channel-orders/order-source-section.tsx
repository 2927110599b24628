import { Container, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useOrderSource } from "../../hooks/use-channel-orders"
import { formatDateTime } from "../../lib/format"
import { DetailRow } from "../common/detail-row"
import { SectionHeader } from "../common/section-header"
import { ChannelOrderStatusBadge } from "./channel-order-status-badge"

/** Where a Medusa order came from, when a marketplace channel placed it; nothing for other orders. */
export const OrderSourceSection = ({ orderId }: { orderId: string }) => {
  const { data } = useOrderSource(orderId)
  // Loading, failed or an order placed in Medusa: the order page shows nothing of ours.
  if (!data) {
    return null
  }
  return (
    <Container className="divide-y p-0" data-order-source={data.id}>
      <SectionHeader title="Marketplace" description="This order was placed on a marketplace channel." />
      <DetailRow
        label="Channel"
        value={
          data.channel ? (
            <Link to={`/marketplaces/${data.channel.id}`} className="text-ui-fg-interactive">
              <Text size="small" as="span">
                {data.channel.name}
              </Text>
            </Link>
          ) : (
            data.channel_id
          )
        }
      />
      <DetailRow label="Channel order ID" value={data.external_id} />
      <DetailRow label="Status" value={<ChannelOrderStatusBadge status={data.status} />} />
      <DetailRow label="Channel says" value={data.channel_status} />
      <DetailRow label="Placed" value={formatDateTime(data.placed_at)} />
    </Container>
  )
}
