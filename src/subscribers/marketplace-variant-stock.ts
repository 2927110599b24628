import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { markStockChangedWorkflow } from "../workflows/marketplace/mark-stock-changed"

/** manage_inventory / allow_backorder toggles and inventory-item links change what a variant lists. */
export default async function variantStockChanged({ event, container }: SubscriberArgs<{ id: string }>) {
  await markStockChangedWorkflow(container).run({
    input: { trigger: { event: event.name, id: event.data.id }, variant_ids: [event.data.id] },
  })
}

export const config: SubscriberConfig = {
  event: ["product-variant.updated"],
  context: { subscriberId: "marketplace-sync-variant-stock" },
}
