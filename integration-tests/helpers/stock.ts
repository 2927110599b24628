import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createInventoryItemsWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createSalesChannelsWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeededStock = {
  east: string
  west: string
  salesChannelId: string
  /** Simple variant: 10 stocked in east, 4 in west. */
  shirt: { variantId: string; inventoryItemId: string; sku: string }
  /** Kit variant: 1 frame + 2 wheels; frames 6 east, wheels 9 east. */
  bike: { variantId: string; frameItemId: string; wheelItemId: string; sku: string }
}

/** Two stock locations, a sales channel stocked from "east" only, a simple variant and a kit. */
export async function seedStock(container: MedusaContainer): Promise<SeededStock> {
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "East warehouse" }, { name: "West warehouse" }] },
  })
  const [east, west] = locations.map((l) => l.id)
  const { result: salesChannels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Marketplace orders" }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: east, add: [salesChannels[0].id] } })

  const { result: items } = await createInventoryItemsWorkflow(container).run({
    input: { items: [{ sku: "BIKE-FRAME", title: "Frame" }, { sku: "BIKE-WHEEL", title: "Wheel" }] },
  })
  const [frame, wheel] = items
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Shirt",
          options: [{ title: "Size", values: ["M"] }],
          variants: [{ title: "M", sku: "SHIRT-M", options: { Size: "M" }, prices: [{ amount: 20, currency_code: "eur" }] }],
        },
        {
          title: "Bike kit",
          options: [{ title: "Kit", values: ["Standard"] }],
          variants: [
            {
              title: "Standard",
              sku: "BIKE-KIT",
              options: { Kit: "Standard" },
              prices: [{ amount: 300, currency_code: "eur" }],
              inventory_items: [
                { inventory_item_id: frame.id, required_quantity: 1 },
                { inventory_item_id: wheel.id, required_quantity: 2 },
              ],
            },
          ],
        },
      ],
    },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const shirtVariant = products[0].variants[0]
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { id: shirtVariant.id },
  })
  const shirtItem = data[0].inventory_items[0].inventory_item_id as string

  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        { inventory_item_id: shirtItem, location_id: east, stocked_quantity: 10 },
        { inventory_item_id: shirtItem, location_id: west, stocked_quantity: 4 },
        { inventory_item_id: frame.id, location_id: east, stocked_quantity: 6 },
        { inventory_item_id: wheel.id, location_id: east, stocked_quantity: 9 },
      ],
    },
  })
  return {
    east,
    west,
    salesChannelId: salesChannels[0].id,
    shirt: { variantId: shirtVariant.id, inventoryItemId: shirtItem, sku: "SHIRT-M" },
    bike: { variantId: products[1].variants[0].id, frameItemId: frame.id, wheelItemId: wheel.id, sku: "BIKE-KIT" },
  }
}
