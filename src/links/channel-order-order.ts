import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import MarketplaceModule from "../modules/marketplace"

/** channel order.order_id → the Medusa order it became; the id lives on the channel order, so no link table. */
export default defineLink(
  { linkable: MarketplaceModule.linkable.mktChannelOrder, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
