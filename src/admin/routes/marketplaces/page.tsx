import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Button, Container } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ChannelListTable } from "../../components/channels/channel-list-table"
import { CreateChannelModal } from "../../components/channels/create-channel-modal"
import { SectionHeader } from "../../components/common/section-header"

const MarketplacesPage = () => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Marketplaces"
      level="h1"
      description="Channels whose stock is kept equal to what the store can sell."
      actions={
        <>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketplaces/sync-log">Sync Log</Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketplaces/reconciliation">Reconciliation</Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketplaces/matching">Matching</Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketplaces/unmatched-orders">Unmatched Orders</Link>
          </Button>
          <CreateChannelModal />
        </>
      }
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
