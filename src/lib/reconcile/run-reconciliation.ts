import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import type { ReconciliationRowInput } from "../../modules/marketplace/utils/reconciliation-store"
import { type AbstractMarketplaceProvider, type ChannelContext, ChannelError } from "../provider"
import { loadListingQuantities } from "../stock/load-listing-quantities"
import { loadVariantSummaries, type VariantSummary } from "../stock/variant-summaries"
import { ChannelSnapshot, isDrift, type PushState, rowStatus, stockUnits } from "./compare"
import { healDrift } from "./heal"

/** Listings compared per page: one stock read, one insert, one progress update each. */
export const RECONCILE_PAGE_SIZE = 1000
const PAGES_IN_FLIGHT = 2


export type ReconcileOutcome = { id: string; status: "success" | "failed" | "skipped" }

/**
 * Generates one pending run: reads the channel's quantities back, then walks the channel's
 * listings a page at a time, computing ours with the quantity formula and writing one row per
 * listing and location. Progress is saved after every page; a failure settles the run as failed
 * with the channel's message.
 */
export async function runReconciliation(container: MedusaContainer, id: string): Promise<ReconcileOutcome> {
  const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  if (!(await service.claimReconciliation(id))) {
    return { id, status: "skipped" }
  }
  const run = await service.retrieveReconciliation(id)
  try {
    const channel = await service.retrieveChannel(run.channel_id, { relations: ["locations"] })
    const provider = service.getProvider(channel.provider_id)
    if (!provider.capabilities.read_back) {
      throw new Error(`Provider "${channel.provider_id}" cannot read quantities back, so ${channel.name} cannot be reconciled`)
    }
    const snapshot = await readSnapshot(provider, await service.getChannelContext(channel.id))
    const echoWindowMs = (service.getReconcileOptions().echo_window_seconds ?? 120) * 1000
    const wanted = run.channel_location_ids ? new Set(run.channel_location_ids as unknown as string[]) : null
    const perLocation = channel.locations.length > 0 && provider.capabilities.per_location
    const locations = channel.locations.filter((l) => !perLocation || !wanted || wanted.has(l.id))

    const [, total] = await service.listAndCountListings({ channel_id: channel.id }, { select: ["id"], take: 1 })
    await service.updateReconciliations({ id, total })
    type Page = Awaited<ReturnType<typeof service.listListings>>
    /** Ours against the channel's for one page of listings: one row per listing and location. */
    const comparePage = async (listings: Page): Promise<ReconciliationRowInput[]> => {
      const matched = listings.filter((l) => l.variant_id)
      const pushStates = await loadPushStates(service, listings.map((l) => l.id))
      const now = Date.now()
      const quantities = new Map((await loadListingQuantities(container, matched.map((l) => l.id))).map((q) => [q.listing_id, q]))
      const variants = await loadVariantSummaries(container, [...new Set(matched.map((l) => l.variant_id!))])
      const rows: ReconciliationRowInput[] = []
      for (const listing of listings) {
        const base = {
          listing_id: listing.id,
          variant_id: listing.variant_id,
          product_title: productTitle(listing.variant_id ? variants.get(listing.variant_id) : undefined),
          channel_sku: listing.channel_sku,
          channel_product_id: listing.channel_product_id,
          gtin: listing.gtin,
          error_message: null,
        }
        const enabled = listing.sync_enabled && channel.sync_enabled
        const computed = quantities.get(listing.id)
        if (!computed) {
          // Unmatched: nothing of ours to compare, but the channel's side is still shown.
          const targets = perLocation ? locations.map((l) => ({ id: l.id, code: l.code, external_id: l.external_id })) : [null]
          for (const target of targets) {
            const channelQuantity = snapshot.quantity(listing.channel_sku, target?.external_id ?? null)
            rows.push({
              ...base,
              channel_location_id: target?.id ?? null,
              location_code: target?.code ?? null,
              location_external_id: target?.external_id ?? null,
              variant_sku: null,
              stocked: null,
              reserved: null,
              sellable: null,
              channel_quantity: channelQuantity ?? null,
              last_pushed_quantity: null,
              drift: false,
              ...rowStatus({ matched: false, enabled, channel_quantity: channelQuantity, sellable: null }),
            })
          }
          continue
        }
        for (const target of computed.breakdown.targets) {
          if (perLocation && wanted && target.channel_location_id && !wanted.has(target.channel_location_id)) {
            continue
          }
          const channelQuantity = snapshot.quantity(listing.channel_sku, target.location_external_id)
          const pushState = pushStates.get(`${listing.id}|${target.channel_location_id ?? "all"}`)
          rows.push({
            ...base,
            channel_location_id: target.channel_location_id,
            location_code: target.location_code,
            location_external_id: target.location_external_id,
            variant_sku: computed.variant_sku,
            ...stockUnits(target.breakdown),
            sellable: target.quantity,
            channel_quantity: channelQuantity ?? null,
            last_pushed_quantity: pushState?.last_pushed_quantity ?? null,
            drift: isDrift(channelQuantity, pushState, now, echoWindowMs),
            ...rowStatus({ matched: true, enabled, channel_quantity: channelQuantity, sellable: target.quantity }),
          })
        }
      }
      return rows
    }
    let processed = 0
    let after: string | null = null
    const inFlight: Promise<void>[] = []
    for (;;) {
      const listings = await service.listListings(
        after ? { channel_id: channel.id, id: { $gt: after } } : { channel_id: channel.id },
        {
          select: ["id", "channel_sku", "channel_product_id", "gtin", "variant_id", "sync_enabled"],
          order: { id: "ASC" },
          take: RECONCILE_PAGE_SIZE,
        }
      )
      if (!listings.length) {
        break
      }
      after = listings[listings.length - 1].id
      // Two pages in flight: the next page is read and computed while this one is written.
      const task = comparePage(listings).then(async (rows) => {
        await service.insertReconciliationRows(id, rows)
        processed += listings.length
        await service.updateReconciliations({ id, processed })
      })
      // A failure is thrown where the task is awaited, not reported as unhandled before that.
      task.catch(() => undefined)
      inFlight.push(task)
      if (inFlight.length >= PAGES_IN_FLIGHT) {
        await inFlight.shift()
      }
    }
    await Promise.all(inFlight)
    const counts = await service.countReconciliationRows(id)
    // Progress updates of the two pages in flight may land out of order; the final count is exact.
    await service.updateReconciliations({ id, status: "success", processed, counts, completed_at: new Date() })
    const threshold = service.getReconcileOptions().auto_heal_threshold
    if (run.trigger === "scheduled" && threshold !== undefined && threshold !== null) {
      await healDrift(container, id, threshold)
    }
    return { id, status: "success" }
  } catch (error) {
    const message =
      error instanceof ChannelError ? `${error.code ?? error.kind}: ${error.message}` : error instanceof Error ? error.message : String(error)
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`marketplace: reconciliation ${id} failed: ${message}`)
    await service.updateReconciliations({ id, status: "failed", error_message: message, completed_at: new Date() })
    return { id, status: "failed" }
  }
}

/** Every quantity the channel reports, page by page, in one map (about 100 bytes per SKU and location). */
async function readSnapshot(provider: AbstractMarketplaceProvider, ctx: ChannelContext): Promise<ChannelSnapshot> {
  const snapshot = new ChannelSnapshot()
  let cursor: string | null = null
  do {
    const page = await provider.readQuantities(ctx, { cursor })
    page.items.forEach((item) => snapshot.add(item.sku, item.location, item.quantity))
    cursor = page.next_cursor
  } while (cursor)
  return snapshot
}

/** "Product · Variant" as the reconciliation shows it. */
function productTitle(variant: VariantSummary | undefined): string | null {
  if (!variant) {
    return null
  }
  return variant.product_title ? `${variant.product_title} · ${variant.title}` : variant.title ?? null
}

/** The outbox's view of each target of the listings: what we last pushed, and whether a push is on its way. */
async function loadPushStates(service: MarketplaceModuleService, listingIds: string[]): Promise<Map<string, PushState>> {
  const targets = await service.listListingTargets(
    { listing_id: listingIds },
    { select: ["listing_id", "target_key", "last_pushed_quantity", "last_pushed_at", "due_at", "claim_expires_at"] }
  )
  const now = Date.now()
  return new Map(
    targets.map((t) => [
      `${t.listing_id}|${t.target_key}`,
      {
        last_pushed_quantity: t.last_pushed_quantity,
        last_pushed_at: t.last_pushed_at,
        pending: !!t.due_at || (!!t.claim_expires_at && new Date(t.claim_expires_at).getTime() > now),
      },
    ])
  )
}
