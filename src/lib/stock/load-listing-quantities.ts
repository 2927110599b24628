import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { channelOrderReservationRef } from "../orders/reservation-ref"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { computeListingQuantity, PartialRules, QuantityBreakdown, VariantInput } from "../quantity"

export type TargetQuantity = {
  /** null when the channel takes one number for all its locations. */
  channel_location_id: string | null
  location_code: string | null
  /** The channel's own id for the location: what a provider is sent. */
  location_external_id: string | null
  quantity: number
  breakdown: QuantityBreakdown
}

export type ListingQuantity = {
  listing_id: string
  channel_id: string
  variant_id: string | null
  variant_sku: string | null
  quantity: number
  breakdown: { per_location: boolean; targets: TargetQuantity[] }
}

type Query = {
  graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }>
}

const VARIANT_FIELDS = [
  "id",
  "sku",
  "manage_inventory",
  "allow_backorder",
  "inventory_items.inventory_item_id",
  "inventory_items.required_quantity",
  "inventory_items.inventory.location_levels.location_id",
  "inventory_items.inventory.location_levels.stocked_quantity",
  "inventory_items.inventory.location_levels.reserved_quantity",
]

/**
 * Reads what the formula needs for a set of listings (their channel, its locations, the matched
 * variants' inventory levels) in a fixed number of queries, and computes each listing's quantity
 * per target location.
 */
export async function loadListingQuantities(
  container: MedusaContainer,
  listingIds: string[]
): Promise<ListingQuantity[]> {
  if (!listingIds.length) {
    return []
  }
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)

  // Listings without relations, then their few channels once: hydrating each listing's channel
  // and locations cost more than everything else together on big re-pushes.
  const rows = await marketplace.listListings(
    { id: listingIds },
    { select: ["id", "channel_id", "variant_id", "pack_size", "rules"] }
  )
  const channelIds = [...new Set(rows.map((l) => l.channel_id))]
  const channels = await marketplace.listChannels({ id: channelIds }, { relations: ["locations"] })
  const channelById = new Map(channels.map((c) => [c.id, c]))
  const listings = rows.flatMap((listing) => {
    const channel = channelById.get(listing.channel_id)
    return channel ? [{ ...listing, channel }] : []
  })
  const variantIds = [...new Set(listings.map((l) => l.variant_id).filter((id): id is string => !!id))]
  const { data: variants } = variantIds.length
    ? await query.graph({ entity: "product_variant", fields: VARIANT_FIELDS, filters: { id: variantIds } })
    : { data: [] }
  const variantById = new Map<string, VariantInput>(variants.map((v) => [v.id, toVariantInput(v)]))
  await countPendingChannelOrders(container, marketplace, [...variantById.values()])
  const fallbackLocations = await fallbackLocationIds(query, channels)
  const defaults = marketplace.getDefaultRules()

  return listings.map((listing) => {
    const channel = listing.channel
    const perLocation = channel.locations.length > 0 && providerIsPerLocation(marketplace, channel.provider_id)
    const targets = perLocation
      ? channel.locations.map((location) => ({
          channel_location_id: location.id,
          location_code: location.code,
          location_external_id: location.external_id,
          location_ids: location.stock_location_ids as string[],
        }))
      : [
          {
            channel_location_id: null,
            location_code: null,
            location_external_id: null,
            location_ids: channel.locations.length
              ? channel.locations.flatMap((location) => location.stock_location_ids as string[])
              : fallbackLocations.get(channel.sales_channel_id ?? "") ?? [],
          },
        ]
    const computed = targets.map((target) => {
      const result = computeListingQuantity({
        variant: listing.variant_id ? variantById.get(listing.variant_id) ?? null : null,
        location_ids: target.location_ids,
        pack_size: listing.pack_size,
        rules: {
          listing: listing.rules as PartialRules | null,
          channel: channel.rules as PartialRules | null,
          defaults,
        },
      })
      return {
        channel_location_id: target.channel_location_id,
        location_code: target.location_code,
        location_external_id: target.location_external_id,
        ...result,
      }
    })
    const variant = listing.variant_id ? variantById.get(listing.variant_id) ?? null : null
    return {
      listing_id: listing.id,
      channel_id: channel.id,
      variant_id: listing.variant_id,
      variant_sku: variant?.sku ?? null,
      quantity: computed.reduce((sum, target) => sum + target.quantity, 0),
      breakdown: { per_location: perLocation, targets: computed },
    }
  })
}

/**
 * Channel orders a webhook has queued but whose import has not settled yet will reserve these
 * units; they count as reserved now, so a sale on one channel lowers every other channel at
 * once, however long the imports queue behind a burst.
 *
 * For the inventory items such orders touch, reserved is summed from the reservations
 * themselves, read after the queued orders: an import whose reservations (named after its
 * channel order) are in that read is counted by them, one whose are not yet is counted by its
 * pending units. Read in this order, an import committing its reservations at any moment is
 * counted exactly once (levels read earlier could already, or not yet, include them).
 */
async function countPendingChannelOrders(container: MedusaContainer, marketplace: MarketplaceModuleService, variants: VariantInput[]) {
  const itemIds = [...new Set(variants.flatMap((v) => v.inventory_items.map((i) => i.inventory_item_id)))]
  const pending = await marketplace.channelOrders.pendingUnits(itemIds)
  if (!pending.length) {
    return
  }
  const touched = [...new Set(pending.map((p) => p.inventory_item_id))]
  // external_id is a column of reservation items, though not in the service's select type.
  const reservations = (await container.resolve(Modules.INVENTORY).listReservationItems(
    { inventory_item_id: touched },
    { select: ["inventory_item_id", "location_id", "quantity", "external_id"] as any[] }
  )) as unknown as { inventory_item_id: string; location_id: string; quantity: unknown; external_id: string | null }[]
  const reservedBy = new Set(reservations.map((r) => r.external_id))
  const reserved = new Map<string, number>()
  const add = (item: string, location: string, quantity: number) => reserved.set(`${item}@${location}`, (reserved.get(`${item}@${location}`) ?? 0) + quantity)
  for (const r of reservations) add(r.inventory_item_id, r.location_id, Number(r.quantity))
  for (const p of pending) {
    if (!reservedBy.has(channelOrderReservationRef(p.channel_order_id))) add(p.inventory_item_id, p.location_id, p.quantity)
  }
  const touchedSet = new Set(touched)
  for (const variant of variants) {
    for (const item of variant.inventory_items) {
      if (!touchedSet.has(item.inventory_item_id)) continue
      for (const level of item.levels) {
        level.reserved_quantity = reserved.get(`${item.inventory_item_id}@${level.location_id}`) ?? 0
      }
    }
  }
}

function providerIsPerLocation(marketplace: MarketplaceModuleService, providerId: string): boolean {
  try {
    return marketplace.getProvider(providerId).capabilities.per_location
  } catch {
    return false
  }
}

/**
 * Stock locations of channels without their own locations: those linked to the channel's sales
 * channel, or every stock location when the channel has none. Keyed by sales channel id ("" = none).
 */
async function fallbackLocationIds(
  query: Query,
  channels: { locations: unknown[]; sales_channel_id: string | null }[]
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  const needing = channels.filter((c) => !c.locations.length)
  const salesChannelIds = [...new Set(needing.map((c) => c.sales_channel_id).filter((id): id is string => !!id))]
  if (salesChannelIds.length) {
    const { data } = await query.graph({
      entity: "sales_channel",
      fields: ["id", "stock_locations.id"],
      filters: { id: salesChannelIds },
    })
    for (const salesChannel of data) {
      result.set(salesChannel.id, (salesChannel.stock_locations ?? []).map((l: { id: string }) => l.id))
    }
  }
  if (needing.some((c) => !c.sales_channel_id)) {
    const { data } = await query.graph({ entity: "stock_location", fields: ["id"] })
    result.set("", data.map((l: { id: string }) => l.id))
  }
  return result
}

function toVariantInput(variant: any): VariantInput {
  return {
    id: variant.id,
    sku: variant.sku,
    manage_inventory: variant.manage_inventory,
    allow_backorder: variant.allow_backorder,
    inventory_items: (variant.inventory_items ?? []).map((link: any) => ({
      inventory_item_id: link.inventory_item_id,
      required_quantity: Number(link.required_quantity ?? 1),
      levels: (link.inventory?.location_levels ?? []).map((level: any) => ({
        location_id: level.location_id,
        stocked_quantity: Number(level.stocked_quantity ?? 0),
        reserved_quantity: Number(level.reserved_quantity ?? 0),
      })),
    })),
  }
}
