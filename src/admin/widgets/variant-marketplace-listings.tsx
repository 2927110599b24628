import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { VariantListingsSection } from "../components/variant-listings/variant-listings-section"

const VariantMarketplaceListingsWidget = ({ data }: DetailWidgetProps<HttpTypes.AdminProductVariant>) => (
  <VariantListingsSection variantId={data.id} />
)

export const config = defineWidgetConfig({
  zone: "product_variant.details",
  id: "medusa-marketplace-sync.variant-listings",
})

export default VariantMarketplaceListingsWidget
