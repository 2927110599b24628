import { defineLink } from "@medusajs/framework/utils"
import StockLocationModule from "@medusajs/medusa/stock-location"
import MarketplaceModule from "../modules/marketplace"

/** channel_location.stock_location_ids → the Medusa stock locations summed into it. */
export default defineLink(
  { linkable: MarketplaceModule.linkable.mktChannelLocation, field: "stock_location_ids", isList: true },
  StockLocationModule.linkable.stockLocation,
  { readOnly: true }
)
