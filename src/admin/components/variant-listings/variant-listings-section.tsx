import { Container } from "@medusajs/ui"
import { useState } from "react"
import { useVariantListings } from "../../hooks/use-listings"
import type { VariantListing } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ListingDrawer } from "../listing-drawer/listing-drawer"
import { VariantListingDrawer } from "./variant-listing-drawer"
import { VariantListingsTable } from "./variant-listings-table"

/** Where one variant is listed, what each channel should show and what it was last told. */
export const VariantListingsSection = ({ variantId }: { variantId: string }) => {
  const { data, isPending, isError, error, refetch } = useVariantListings(variantId)
  const [opened, setOpened] = useState<VariantListing | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  // The drawer follows the polled listing so a push settling updates it in place.
  const openedListing = opened ? data?.listings.find((l) => l.id === opened.id) ?? opened : null

  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Marketplace listings" description="This variant's listings on every channel." />
      {isPending ? (
        <SectionLoading />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.listings.length ? (
        <SectionEmpty>No marketplace listings for this variant.</SectionEmpty>
      ) : (
        <VariantListingsTable listings={data.listings} onOpen={setOpened} onEdit={(listing) => setEditing(listing.id)} />
      )}
      <VariantListingDrawer listing={openedListing} onClose={() => setOpened(null)} />
      <ListingDrawer listingId={editing} onClose={() => setEditing(null)} />
    </Container>
  )
}
