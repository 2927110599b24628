import type { MedusaContainer } from "@medusajs/framework/types"
import { previewListingQuantitiesWorkflow } from "../../../../workflows/marketplace"
import { loadVariantSummaries } from "../helpers"

type ListingRow = { id: string; variant_id: string | null } & Record<string, unknown>

/** Adds the matched variant's summary and, when asked, the quantity the channel would show now. */
export async function serializeListings(scope: MedusaContainer, listings: ListingRow[], withQuantity = false) {
  const variantIds = [...new Set(listings.map((l) => l.variant_id).filter((id): id is string => !!id))]
  const variants = await loadVariantSummaries(scope, variantIds)
  const previews = withQuantity && listings.length
    ? (await previewListingQuantitiesWorkflow(scope).run({ input: { listing_ids: listings.map((l) => l.id) } })).result
    : []
  const previewById = new Map(previews.map((p) => [p.listing_id, p]))
  return listings.map((listing) => ({
    ...listing,
    variant: listing.variant_id ? variants.get(listing.variant_id) ?? null : null,
    ...(withQuantity
      ? { preview_quantity: previewById.get(listing.id)?.quantity ?? 0, preview_mode: previewById.get(listing.id)?.breakdown.targets[0]?.breakdown.mode ?? null }
      : {}),
  }))
}
