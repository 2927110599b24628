import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MarketplaceModuleService, StoredOrderLine } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"

type Query = { graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }> }

/** One reservation an order line needs: units of one inventory item at one stock location. */
export type PlannedReservation = {
  line: number
  inventory_item_id: string
  location_id: string
  quantity: number
  allow_backorder: boolean
}

/** A line as a Medusa order item: variant units (a pack of N counts N) and the unit price. */
export type PlannedItem = { line: number; variant_id: string; quantity: number; unit_price: number; title: string }

/**
 * What importing these lines reserves, and where: each line's variant units (channel quantity ×
 * pack size) of each of its inventory items (× required quantity, for kits), at the first stock
 * location that has them all. Locations are tried in this order: those the channel location of
 * the line maps to, then the channel's other mapped locations, then the sales channel's, keeping
 * only the sales channel's own when it has any. Variants that do not manage inventory reserve
 * nothing; back-orderable ones reserve at the first location even when short. A line no location
 * can serve is refused with the numbers.
 */
export async function planReservations(
  container: MedusaContainer,
  channelId: string,
  lines: StoredOrderLine[],
  only?: Set<number>
): Promise<{ items: PlannedItem[]; reservations: PlannedReservation[] }> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const inventory = container.resolve(Modules.INVENTORY)
  const channel = await marketplace.retrieveChannel(channelId, { relations: ["locations"] })
  const listingIds = lines.map((l) => l.listing_id).filter((id): id is string => !!id)
  const listings = await marketplace.listListings({ id: listingIds }, { select: ["id", "pack_size"] })
  const packOf = new Map(listings.map((l) => [l.id, l.pack_size]))
  const variantIds = [...new Set(lines.map((l) => l.variant_id).filter((id): id is string => !!id))]
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "title", "product.title", "manage_inventory", "allow_backorder", "inventory_items.required_quantity", "inventory_items.inventory_item_id"],
    filters: { id: variantIds },
  })
  const variantById = new Map(variants.map((v: any) => [v.id, v]))
  let salesChannelLocations: string[] = []
  if (channel.sales_channel_id) {
    const { data } = await query.graph({ entity: "sales_channel", fields: ["id", "stock_locations.id"], filters: { id: channel.sales_channel_id } })
    salesChannelLocations = (data[0]?.stock_locations ?? []).map((l: { id: string }) => l.id)
  }

  const items: PlannedItem[] = []
  const reservations: PlannedReservation[] = []
  // Units this plan already takes per (item, location), so two lines of one item do not both count the same stock.
  const taken = new Map<string, number>()
  for (const [index, line] of lines.entries()) {
    if (only && !only.has(index)) {
      continue
    }
    const variant = variantById.get(line.variant_id ?? "")
    if (!variant) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${index + 1} (SKU ${line.sku}) is not matched to a variant`)
    }
    const pack = packOf.get(line.listing_id ?? "") ?? 1
    const units = line.quantity * pack
    items.push({
      line: index,
      variant_id: variant.id,
      quantity: units,
      unit_price: line.unit_price != null ? Math.round((line.unit_price / pack) * 100) / 100 : 0,
      title: line.title ?? [variant.product?.title, variant.title].filter(Boolean).join(" — ") ?? variant.sku,
    })
    if (variant.manage_inventory === false) {
      continue
    }
    const needs = (variant.inventory_items ?? []).map((link: { inventory_item_id: string; required_quantity: number }) => ({
      inventory_item_id: link.inventory_item_id,
      quantity: units * (link.required_quantity ?? 1),
    }))
    const own = channel.locations.find((l) => l.external_id === line.location)?.stock_location_ids as string[] | undefined
    const mapped = channel.locations.flatMap((l) => l.stock_location_ids as string[])
    let candidates = [...new Set([...(own ?? []), ...mapped, ...salesChannelLocations])]
    if (salesChannelLocations.length) {
      candidates = candidates.filter((id) => salesChannelLocations.includes(id))
    }
    if (!candidates.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `No stock location to reserve SKU ${line.sku} at: link the channel to a sales channel with stock locations`)
    }
    let chosen: string | null = null
    const short: string[] = []
    for (const locationId of candidates) {
      let enough = true
      for (const need of needs) {
        const available = Number(await inventory.retrieveAvailableQuantity(need.inventory_item_id, [locationId]).catch(() => 0))
        const left = available - (taken.get(`${need.inventory_item_id}@${locationId}`) ?? 0)
        if (left < need.quantity) {
          enough = false
          short.push(`${left} at ${locationId}`)
          break
        }
      }
      if (enough) {
        chosen = locationId
        break
      }
    }
    if (!chosen && variant.allow_backorder) {
      chosen = candidates[0]
    }
    if (!chosen) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Not enough stock for SKU ${line.sku} (${variant.sku}): the order needs ${units}, available ${short.join(", ")}; the channel sold more than this store holds`
      )
    }
    for (const need of needs) {
      const key = `${need.inventory_item_id}@${chosen}`
      taken.set(key, (taken.get(key) ?? 0) + need.quantity)
      reservations.push({ line: index, inventory_item_id: need.inventory_item_id, location_id: chosen, quantity: need.quantity, allow_backorder: !!variant.allow_backorder })
    }
  }
  return { items, reservations }
}
