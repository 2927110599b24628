import { ChannelOrdersSection } from "../../../components/channel-orders/channel-orders-section"

const UnmatchedOrdersPage = () => <ChannelOrdersSection />

export const handle = {
  breadcrumb: () => "Unmatched Orders",
}

export default UnmatchedOrdersPage
