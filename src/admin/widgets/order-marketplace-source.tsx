import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { OrderSourceSection } from "../components/channel-orders/order-source-section"

const OrderMarketplaceSourceWidget = ({ data }: DetailWidgetProps<HttpTypes.AdminOrder>) => <OrderSourceSection orderId={data.id} />

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "medusa-marketplace-sync.order-source",
})

export default OrderMarketplaceSourceWidget
