import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ChannelOrderLine } from "../provider"
import type { MarketplaceModuleService, StoredOrderLine } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { SKU_MISMATCH_NOTE } from "../../workflows/marketplace/steps/update-listings"
import { markStockChanged } from "../../workflows/marketplace/steps/mark-stock-changed"
import { DEFAULT_SKU_SEPARATORS, VariantIndex, type MatchableVariant } from "../matching/rules"

type Query = { graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }> }

/**
 * Finds the listing and variant of every line. A SKU the channel has no listing for gets one,
 * unmatched with stock updates off ("SKU mismatch") and the matcher's suggestion, so it shows
 * on the Matching page. An unmatched listing whose SKU now equals a variant's SKU exactly is
 * matched and turned back on (seed 002: a matching order turns "Disable Stock Update" off).
 */
export async function resolveOrderLines(
  container: MedusaContainer,
  channelId: string,
  lines: (ChannelOrderLine | StoredOrderLine)[]
): Promise<StoredOrderLine[]> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const skus = [...new Set(lines.map((l) => l.sku))]
  let listings = await marketplace.listListings(
    { channel_id: channelId, channel_sku: skus },
    { select: ["id", "channel_sku", "variant_id", "disabled_reason", "channel_product_id", "gtin"] }
  )
  const unmatched = skus.filter((sku) => !listings.some((l) => l.channel_sku === sku && l.variant_id))
  if (unmatched.length) {
    const channel = await marketplace.retrieveChannel(channelId, { select: ["id", "sku_separators"] })
    const index = new VariantIndex(await variantsNamed(container, unmatched, channel.sku_separators), channel.sku_separators ?? DEFAULT_SKU_SEPARATORS)
    const missing = unmatched.filter((sku) => !listings.some((l) => l.channel_sku === sku))
    if (missing.length) {
      await marketplace.createListings(
        missing.map((sku) => {
          const line = lines.find((l) => l.sku === sku)!
          const suggestion = index.suggest({ sku })
          return {
            channel_id: channelId,
            channel_sku: sku,
            title: line.title ?? null,
            sync_enabled: false,
            disabled_reason: "sku_mismatch" as const,
            disabled_note: SKU_MISMATCH_NOTE,
            match_suggestion: suggestion && suggestion.confidence < 1 ? suggestion : null,
            variant_id: suggestion?.confidence === 1 ? suggestion.variant_id : null,
            ...(suggestion?.confidence === 1 ? { sync_enabled: true, disabled_reason: null, disabled_note: null } : {}),
          }
        })
      )
    }
    // Listings that existed unmatched: match now where the SKU is exactly a variant's.
    const nowMatching = listings.filter((l) => !l.variant_id).map((l) => ({ listing: l, suggestion: index.suggest({ sku: l.channel_sku }) }))
    const exact = nowMatching.filter((m) => m.suggestion?.confidence === 1)
    if (exact.length) {
      await marketplace.updateListings(
        exact.map(({ listing, suggestion }) => ({
          id: listing.id,
          variant_id: suggestion!.variant_id,
          match_suggestion: null,
          ...(listing.disabled_reason === "sku_mismatch" ? { sync_enabled: true, disabled_reason: null, disabled_note: null } : {}),
        }))
      )
    }
    listings = await marketplace.listListings(
      { channel_id: channelId, channel_sku: skus },
      { select: ["id", "channel_sku", "variant_id", "disabled_reason"] }
    )
    const fresh = listings.filter((l) => l.variant_id && unmatched.includes(l.channel_sku)).map((l) => l.id)
    if (fresh.length) {
      await markStockChanged(container, { trigger: { event: "marketplace.listing.matched" }, listing_ids: fresh })
    }
  }
  const bySku = new Map(listings.map((l) => [l.channel_sku, l]))
  return lines.map((line) => {
    const listing = bySku.get(line.sku)
    return {
      sku: line.sku,
      quantity: line.quantity,
      location: line.location ?? null,
      title: line.title ?? null,
      unit_price: line.unit_price ?? null,
      listing_id: listing?.id ?? null,
      variant_id: listing?.variant_id ?? null,
    }
  })
}

/** Variants an unmatched SKU could mean: those whose SKU equals it ignoring case, spaces and separators. */
async function variantsNamed(container: MedusaContainer, skus: string[], separators: string | null): Promise<MatchableVariant[]> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  // Exact first (indexed); the normalised comparison needs the candidates, read by a loose filter.
  const { data: exact } = await query.graph({ entity: "product_variant", fields: ["id", "sku", "barcode", "ean", "upc"], filters: { sku: skus } })
  if (exact.length === skus.length) {
    return exact
  }
  const { data: loose } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "barcode", "ean", "upc"],
    filters: { $or: skus.map((sku) => ({ sku: { $ilike: likeLoose(sku, separators ?? DEFAULT_SKU_SEPARATORS) } })) },
  })
  return [...exact, ...loose.filter((v: { id: string }) => !exact.some((e: { id: string }) => e.id === v.id))]
}

/** An ILIKE pattern matching the SKU with any spaces or separators between its other characters. */
function likeLoose(sku: string, separators: string): string {
  const core = [...sku.toLowerCase()].filter((ch) => !/\s/.test(ch) && !separators.includes(ch))
  return "%" + core.map((ch) => ch.replace(/[\\%_]/g, (c) => "\\" + c)).join("%") + "%"
}
