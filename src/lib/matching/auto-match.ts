import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { markStockChanged } from "../../workflows/marketplace/steps/mark-stock-changed"
import { releaseStagedOrders } from "../orders/receive-order"
import { CATALOGUE_STATUSES, type CatalogueStatus } from "../provider"
import { DEFAULT_SKU_SEPARATORS, VariantIndex, type MatchableVariant } from "./rules"

type Query = {
  graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown>; pagination?: { skip: number; take: number; order?: Record<string, string> } }): Promise<{ data: any[] }>
}

const VARIANT_PAGE = 5_000
const LISTING_PAGE = 2_000

export type MatchSummary = {
  /** Catalogue entries read from the channel (import only). */
  entries: number
  created: number
  /** Matched with full confidence (exact SKU, or a product id already mapped). */
  matched: number
  /** Left with a suggestion below full confidence, waiting for a person. */
  suggested: number
  /** Still without any match. */
  unmatched: number
  /** Staged channel orders that became Medusa orders because their lines now match. */
  released_orders: number
}

/** Every variant as the matcher compares it, read a page at a time. */
export async function loadMatchableVariants(container: MedusaContainer): Promise<MatchableVariant[]> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const variants: MatchableVariant[] = []
  for (let skip = 0; ; skip += VARIANT_PAGE) {
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["id", "sku", "barcode", "ean", "upc"],
      pagination: { skip, take: VARIANT_PAGE, order: { id: "ASC" } },
    })
    for (const v of data) variants.push({ id: v.id, sku: v.sku ?? null, barcode: v.barcode ?? null, ean: v.ean ?? null, upc: v.upc ?? null })
    if (data.length < VARIANT_PAGE) {
      return variants
    }
  }
}

/**
 * Reads the channel's whole catalogue into listings (new SKUs unmatched, known ones refreshed
 * with the channel's product id, title, GTIN and status), then auto-matches.
 */
export async function importCatalogue(container: MedusaContainer, channelId: string): Promise<MatchSummary> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const channel = await marketplace.retrieveChannel(channelId, { select: ["id", "provider_id"] })
  const provider = marketplace.getProvider(channel.provider_id)
  const ctx = await marketplace.getChannelContext(channelId)
  let cursor: string | null = null
  let entries = 0
  let created = 0
  const touched: string[] = []
  do {
    const page = await provider.listCatalogue(ctx, { cursor })
    entries += page.items.length
    const rows = await marketplace.matching.upsertCatalogue(
      channelId,
      page.items.map((item) => ({
        sku: item.sku,
        channel_product_id: item.channel_product_id ?? null,
        title: item.title ?? null,
        gtin: item.gtin ?? null,
        status: item.status && CATALOGUE_STATUSES.includes(item.status as CatalogueStatus) ? item.status : null,
      }))
    )
    for (const row of rows) {
      touched.push(row.id)
      if (row.inserted) created++
    }
    cursor = page.next_cursor
  } while (cursor)
  const summary = await autoMatch(container, channelId)
  // Statuses may have changed on matched listings too (a listing banned since the last import).
  const enabled = await marketplace.matching.refreshDisabled(touched)
  if (enabled.length) {
    await markStockChanged(container, { trigger: { event: "marketplace.catalogue.imported" }, listing_ids: enabled })
  }
  return { ...summary, entries, created }
}

/**
 * Matches a channel's unmatched listings (all, or these) to variants by the rules in order:
 * exact SKU, normalised SKU, GTIN, a channel product id already mapped. Full-confidence matches
 * are applied and the listing turned on (unless the channel or an admin disabled it); the rest
 * keep their best suggestion for a person. Matched listings are pushed, and staged orders
 * waiting for them are released.
 */
export async function autoMatch(container: MedusaContainer, channelId: string, listingIds?: string[]): Promise<MatchSummary> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const channel = await marketplace.retrieveChannel(channelId, { select: ["id", "sku_separators"] })
  const variants = await loadMatchableVariants(container)
  const index = new VariantIndex(variants, channel.sku_separators ?? DEFAULT_SKU_SEPARATORS)
  const byId = new Map(variants.map((v) => [v.id, v]))
  const mapped = new Map<string, MatchableVariant>()
  for (const [productId, variantId] of await marketplace.matching.mappedProductIds(channelId)) {
    const variant = byId.get(variantId)
    if (variant) mapped.set(productId, variant)
  }
  const summary: MatchSummary = { entries: 0, created: 0, matched: 0, suggested: 0, unmatched: 0, released_orders: 0 }
  const matchedIds: string[] = []
  const decidedIds: string[] = []
  let after: string | null = null
  for (;;) {
    const page = await marketplace.matching.unmatched(channelId, after, LISTING_PAGE, listingIds)
    if (!page.length) {
      break
    }
    after = page[page.length - 1].id
    const decisions = page.map((listing) => {
      const suggestion = index.suggest({ sku: listing.channel_sku, gtin: listing.gtin, channel_product_id: listing.channel_product_id }, mapped)
      decidedIds.push(listing.id)
      if (suggestion?.confidence === 1) {
        summary.matched++
        matchedIds.push(listing.id)
        return { id: listing.id, variant_id: suggestion.variant_id, suggestion: null }
      }
      suggestion ? summary.suggested++ : summary.unmatched++
      return { id: listing.id, variant_id: null, suggestion }
    })
    await marketplace.matching.applyMatches(channelId, decisions)
  }
  await marketplace.matching.refreshDisabled(decidedIds)
  if (matchedIds.length) {
    await markStockChanged(container, { trigger: { event: "marketplace.listing.matched" }, listing_ids: matchedIds })
    const staged = await marketplace.channelOrders.stagedWithListings(matchedIds)
    summary.released_orders = (await releaseStagedOrders(container, staged)).imported.length
  }
  return summary
}
