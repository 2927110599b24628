import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import MarketplaceModule from "../modules/marketplace"

/** channel.sales_channel_id → the Medusa sales channel imported orders land in. */
export default defineLink(
  { linkable: MarketplaceModule.linkable.mktChannel, field: "sales_channel_id" },
  SalesChannelModule.linkable.salesChannel,
  { readOnly: true }
)
