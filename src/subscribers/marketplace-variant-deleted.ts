import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { MarketplaceModuleService } from "../modules/marketplace"
import { MARKETPLACE_MODULE } from "../modules/marketplace/types"
import { updateListingsWorkflow } from "../workflows/marketplace/update-listings"

/**
 * A deleted variant leaves its listings matching nothing: they are unmatched, which turns their
 * stock updates off with the reason "SKU mismatch" (the channel keeps what it shows).
 */
export default async function variantDeleted({ event, container }: SubscriberArgs<{ id: string }>) {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const listings = await marketplace.listListings({ variant_id: event.data.id }, { select: ["id"] })
  if (listings.length) {
    await updateListingsWorkflow(container).run({ input: { listings: listings.map((l) => ({ id: l.id, variant_id: null })) } })
  }
}

export const config: SubscriberConfig = {
  event: ["product-variant.deleted"],
  context: { subscriberId: "marketplace-sync-variant-deleted" },
}
