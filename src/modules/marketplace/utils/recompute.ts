import type { ClaimedRow, Recomputed } from "./outbox"
import type { QuantitySource } from "./flusher"

/** Fresh quantities of the claimed rows, matched by listing and target key. */
export async function recompute(source: QuantitySource, claimed: ClaimedRow[]): Promise<Recomputed[]> {
  const quantities = await source([...new Set(claimed.map((t) => t.listing_id))])
  const byKey = new Map<string, Recomputed>()
  for (const listing of quantities) {
    for (const target of listing.breakdown.targets) {
      byKey.set(`${listing.listing_id}|${target.channel_location_id ?? "all"}`, {
        id: "",
        quantity: listing.variant_id ? target.quantity : null,
        breakdown: target.breakdown,
        variant_sku: listing.variant_sku,
      })
    }
  }
  return claimed.map((row) => {
    const fresh = byKey.get(`${row.listing_id}|${row.target_key}`)
    return fresh ? { ...fresh, id: row.id } : { id: row.id, quantity: null, breakdown: null, variant_sku: row.variant_sku }
  })
}
