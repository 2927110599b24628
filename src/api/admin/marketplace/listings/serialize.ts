import type { MedusaContainer } from "@medusajs/framework/types"
import { previewListingQuantitiesWorkflow } from "../../../../workflows/marketplace"
import { loadVariantSummaries, marketplaceService } from "../helpers"

type ListingRow = { id: string; variant_id: string | null } & Record<string, unknown>

/**
 * Adds the matched variant's summary and, when asked, the quantity the channel would show now
 * and the sync state (per-location targets, the newest sync record, the channel).
 */
export async function serializeListings(scope: MedusaContainer, listings: ListingRow[], withQuantity = false, withSync = false) {
  const variantIds = [...new Set(listings.map((l) => l.variant_id).filter((id): id is string => !!id))]
  const variants = await loadVariantSummaries(scope, variantIds)
  const previews = withQuantity && listings.length
    ? (await previewListingQuantitiesWorkflow(scope).run({ input: { listing_ids: listings.map((l) => l.id) } })).result
    : []
  const previewById = new Map(previews.map((p) => [p.listing_id, p]))
  const sync = withSync && listings.length ? await loadSyncState(scope, listings) : null
  return listings.map((listing) => ({
    ...listing,
    variant: listing.variant_id ? variants.get(listing.variant_id) ?? null : null,
    ...(withQuantity
      ? {
          preview_quantity: previewById.get(listing.id)?.quantity ?? 0,
          preview_mode: previewById.get(listing.id)?.breakdown.targets[0]?.breakdown.mode ?? null,
          // Per channel location (one entry without a location for channels that take one number).
          preview_targets: (previewById.get(listing.id)?.breakdown.targets ?? []).map((t) => ({
            channel_location_id: t.channel_location_id,
            location_code: t.location_code,
            location_external_id: t.location_external_id,
            quantity: t.quantity,
          })),
        }
      : {}),
    ...(sync ? { channel: sync.channels.get(listing.channel_id as string) ?? null, sync: sync.byListing.get(listing.id) } : {}),
  }))
}

async function loadSyncState(scope: MedusaContainer, listings: ListingRow[]) {
  const service = marketplaceService(scope)
  const ids = listings.map((l) => l.id)
  const [targets, channels, lastRecords] = await Promise.all([
    service.listListingTargets({ listing_id: ids }, { order: { location_code: "ASC" } }),
    service.listChannels({ id: [...new Set(listings.map((l) => l.channel_id as string))] }, { select: ["id", "name", "code"] }),
    service.latestSyncRecords(ids),
  ])
  const recordByListing = new Map(lastRecords.map((r) => [r.listing_id, r]))
  const byListing = new Map(
    listings.map((listing) => {
      const own = targets.filter((t) => t.listing_id === listing.id)
      const record = recordByListing.get(listing.id)
      return [
        listing.id,
        {
          desired_quantity: listing.desired_quantity ?? null,
          last_pushed_quantity: listing.last_pushed_quantity ?? null,
          last_pushed_at: listing.last_pushed_at ?? null,
          due: own.some((t) => !!t.due_at),
          last_record: record
            ? { id: record.id, status: record.status, quantity: record.quantity, error_code: record.error_code, error_message: record.error_message, created_at: record.created_at }
            : null,
          targets: own.map((t) => ({
            id: t.id,
            location_code: t.location_code,
            desired_quantity: t.desired_quantity,
            last_pushed_quantity: t.last_pushed_quantity,
            last_pushed_at: t.last_pushed_at,
            due: !!t.due_at,
            breakdown: t.breakdown,
          })),
        },
      ]
    })
  )
  return { byListing, channels: new Map(channels.map((c) => [c.id, { id: c.id, name: c.name, code: c.code }])) }
}
