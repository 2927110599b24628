import { Alert, Drawer, Heading, Text } from "@medusajs/ui"
import { useStockLocationName } from "../../hooks/use-store-data"
import { formatDateTime } from "../../lib/format"
import { errorSummary } from "../../lib/sync-status"
import type { ListingSyncTarget, VariantListing } from "../../lib/types"
import { LabelValue } from "../common/label-value"
import { BreakdownView } from "../listings/breakdown-view"
import { ListingPushStatus } from "./listing-push-status"

type Props = { listing: VariantListing | null; onClose: () => void }

/** Why each target of the listing wants the quantity it wants, next to what the channel was told. */
export const VariantListingDrawer = ({ listing, onClose }: Props) => (
  <Drawer open={listing !== null} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content aria-describedby={undefined} data-listing-drawer={listing?.id}>
      <Drawer.Header>
        <Drawer.Title>
          {listing ? `Listing ${listing.channel_sku}${listing.channel ? ` on ${listing.channel.name}` : ""}` : "Listing"}
        </Drawer.Title>
      </Drawer.Header>
      <Drawer.Body className="overflow-y-auto">{listing ? <ListingDetails listing={listing} /> : null}</Drawer.Body>
    </Drawer.Content>
  </Drawer>
)

const ListingDetails = ({ listing }: { listing: VariantListing }) => {
  const record = listing.sync?.last_record ?? null
  const error = record?.status === "error" ? errorSummary(record) : null
  const targets = listing.sync?.targets ?? []

  return (
    <div className="flex flex-col gap-y-6">
      <div className="flex items-center justify-between gap-x-4">
        <Heading level="h2">{listing.sync?.desired_quantity ?? listing.preview_quantity ?? "-"}</Heading>
        <ListingPushStatus sync={listing.sync} />
      </div>
      {error ? <Alert variant="error">{error}</Alert> : null}
      {!targets.length ? (
        <Text size="small" className="text-ui-fg-subtle">
          No quantity has been computed for this listing yet.
        </Text>
      ) : (
        targets.map((target) => <TargetDetails key={target.id} target={target} />)
      )}
    </div>
  )
}

const TargetDetails = ({ target }: { target: ListingSyncTarget }) => {
  const locationName = useStockLocationName()
  return (
    <div className="flex flex-col gap-y-2" data-target-id={target.id}>
      <Heading level="h3">{target.location_code ? `Location ${target.location_code}` : "All locations"}</Heading>
      <dl className="flex flex-col gap-y-1">
        <LabelValue label="Desired quantity" value={target.desired_quantity ?? "-"} />
        <LabelValue label="Last pushed quantity" value={target.last_pushed_quantity ?? "-"} />
        <LabelValue label="Last pushed" value={formatDateTime(target.last_pushed_at)} />
        <LabelValue label="Waiting to be pushed" value={target.due ? "Yes" : "No"} />
      </dl>
      {target.breakdown?.mode ? (
        <BreakdownView breakdown={target.breakdown} locationName={locationName} />
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          No breakdown recorded.
        </Text>
      )}
    </div>
  )
}
