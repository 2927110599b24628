import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import MarketplaceModule from "../modules/marketplace"

/** listing.variant_id → product variant; the id lives on the listing, so no link table. */
export default defineLink(
  { linkable: MarketplaceModule.linkable.mktListing, field: "variant_id" },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
