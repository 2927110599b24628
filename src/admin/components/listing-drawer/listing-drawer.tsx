import { Badge, Button, Drawer, Heading } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useListing } from "../../hooks/use-listings"
import type { Listing } from "../../lib/types"
import { LabelValue } from "../common/label-value"
import { SectionError, SectionLoading } from "../common/query-state"
import { ListingPreview } from "../listings/listing-preview"
import { DeleteListingButton } from "./delete-listing-button"
import { ListingCausesSection } from "./listing-causes-section"
import { ListingMatchSection } from "./listing-match-section"
import { ListingSettingsForm } from "./listing-settings-form"
import { ListingSyncSection } from "./listing-sync-section"

type Props = { listingId: string | null; onClose: () => void }

/**
 * Everything about one listing in one place: what it would show now and why, its match, pack
 * size and rules, "Disable Stock Update", why it is not syncing, and Delete. Opened from the
 * channel's listings and from the variant page.
 */
export const ListingDrawer = ({ listingId, onClose }: Props) => (
  <Drawer open={listingId !== null} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content aria-describedby={undefined} data-listing-drawer={listingId ?? undefined}>
      {listingId ? <ListingDrawerContent listingId={listingId} onClose={onClose} /> : null}
    </Drawer.Content>
  </Drawer>
)

const ListingDrawerContent = ({ listingId, onClose }: { listingId: string; onClose: () => void }) => {
  const { data, isPending, isError, error, refetch } = useListing(listingId)
  const listing = data?.listing
  return (
    <>
      <Drawer.Header>
        <Drawer.Title>{listing ? `Listing ${listing.channel_sku}` : "Listing"}</Drawer.Title>
      </Drawer.Header>
      <Drawer.Body className="flex flex-col gap-y-8 overflow-y-auto">
        {isPending ? (
          <SectionLoading rows={6} />
        ) : isError ? (
          <SectionError error={error} onRetry={() => refetch()} />
        ) : (
          <ListingDetails listing={data.listing} />
        )}
      </Drawer.Body>
      <Drawer.Footer>
        {listing ? <DeleteListingButton listing={listing} onDeleted={onClose} /> : null}
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Close
          </Button>
        </Drawer.Close>
      </Drawer.Footer>
    </>
  )
}

const ListingDetails = ({ listing }: { listing: Listing }) => (
  <>
    <dl className="flex flex-col gap-y-1">
      <LabelValue label="Channel SKU" value={listing.channel_sku} />
      <LabelValue label="Channel product ID" value={listing.channel_product_id ?? "-"} />
      <LabelValue label="Title" value={listing.title ?? "-"} />
      <LabelValue label="GTIN" value={listing.gtin ?? "-"} />
      <LabelValue
        label="Status on the channel"
        value={listing.channel_status ? <Badge size="2xsmall" color={listing.channel_status === "active" ? "green" : "orange"}>{listing.channel_status}</Badge> : "-"}
      />
    </dl>
    <Part title="Quantity">
      <ListingPreview listingId={listing.id} initiallyOpen={false} />
    </Part>
    <Part title="Variant">
      <ListingMatchSection listing={listing} />
    </Part>
    <Part title="Stock updates">
      <ListingSyncSection listing={listing} />
    </Part>
    <Part title="Pack size and rules">
      {/* Remounts with the saved values, so the form never shows a stale draft after a save. */}
      <ListingSettingsForm key={`${listing.pack_size}:${JSON.stringify(listing.rules)}`} listing={listing} />
    </Part>
    <Part title="Why isn't this syncing?">
      <ListingCausesSection listingId={listing.id} />
    </Part>
  </>
)

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="flex flex-col gap-y-3">
    <Heading level="h3">{title}</Heading>
    {children}
  </section>
)
