import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Container } from "@medusajs/ui"
import { ChannelListTable } from "../../components/channels/channel-list-table"
import { CreateChannelModal } from "../../components/channels/create-channel-modal"
import { SectionHeader } from "../../components/common/section-header"

const MarketplacesPage = () => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Marketplaces"
      level="h1"
      description="Channels whose stock is kept equal to what the store can sell."
      actions={<CreateChannelModal />}
    />
    <ChannelListTable />
  </Container>
)

export const config = defineRouteConfig({
  label: "Marketplaces",
  icon: BuildingStorefront,
})

export const handle = {
  breadcrumb: () => "Marketplaces",
}

export default MarketplacesPage
