import type { MedusaContainer } from "@medusajs/framework/types"
import { marketplacePipeline } from "../pipeline"
import { loadListingQuantities } from "../stock/load-listing-quantities"

export const AUTO_HEAL_TRIGGER = "reconcile.auto_heal"

/**
 * After a scheduled run: drifted mismatches whose |delta| reaches the threshold are pushed again
 * with our quantity, through the outbox, each target on its own (other locations are left alone).
 * Returns how many targets were marked.
 */
export async function healDrift(container: MedusaContainer, reconciliationId: string, threshold: number): Promise<number> {
  const service = marketplacePipeline(container)
  const rows = await service.listReconciliationRows(
    { reconciliation_id: reconciliationId, status: "mismatch", drift: true },
    { select: ["listing_id", "channel_location_id", "delta"] }
  )
  const heal = rows.filter((row) => Math.abs(row.delta ?? 0) >= threshold)
  if (!heal.length) {
    return 0
  }
  const keys = heal.map((row) => `${row.listing_id}|${row.channel_location_id ?? "all"}`)
  const quantities = await loadListingQuantities(container, [...new Set(heal.map((row) => row.listing_id))])
  const { due } = await service.markTargets(quantities, { event: AUTO_HEAL_TRIGGER, id: reconciliationId }, { force_targets: { keys } })
  return due
}
