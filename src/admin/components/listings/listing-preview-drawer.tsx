import { Drawer, Heading, Text } from "@medusajs/ui"
import { useListingPreview } from "../../hooks/use-listings"
import { useStockLocationName } from "../../hooks/use-store-data"
import type { Listing } from "../../lib/types"
import { SectionError, SectionLoading } from "../common/query-state"
import { BreakdownView } from "./breakdown-view"

type Props = { listing: Listing | null; onClose: () => void }

/** Why a listing shows the quantity it shows: the preview computed now, per channel location. */
export const ListingPreviewDrawer = ({ listing, onClose }: Props) => (
  <Drawer open={listing !== null} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content aria-describedby={undefined}>
      <Drawer.Header>
        <Drawer.Title>{listing ? `Listing ${listing.channel_sku}` : "Listing"}</Drawer.Title>
      </Drawer.Header>
      <Drawer.Body className="overflow-y-auto">{listing ? <PreviewBody listingId={listing.id} /> : null}</Drawer.Body>
    </Drawer.Content>
  </Drawer>
)

const PreviewBody = ({ listingId }: { listingId: string }) => {
  const { data, isPending, isError, error, refetch } = useListingPreview(listingId)
  const locationName = useStockLocationName()

  if (isPending) {
    return <SectionLoading rows={6} />
  }
  if (isError) {
    return <SectionError error={error} onRetry={() => refetch()} />
  }
  return (
    <div className="flex flex-col gap-y-6">
      <div>
        <Text size="small" className="text-ui-fg-subtle">
          Quantity the channel would be told now
        </Text>
        <Heading level="h2">{data.quantity}</Heading>
      </div>
      {data.breakdown.targets.map((target) => (
        <div key={target.channel_location_id ?? "all"} className="flex flex-col gap-y-2">
          {data.breakdown.per_location ? (
            <Heading level="h3">
              Location {target.location_code ?? target.channel_location_id}: {target.quantity}
            </Heading>
          ) : null}
          <BreakdownView breakdown={target.breakdown} locationName={locationName} />
        </div>
      ))}
    </div>
  )
}
