import { ChannelError } from "../../lib/provider"
import { INVENTORY_PATH, type EbayHttp } from "./client"
import type { EbayAppCredentials } from "./oauth"

/** getOffers has no bulk form (one SKU a call): five at a time keeps a page of 25 to a few round trips. */
const OFFER_READS_IN_FLIGHT = 5
/** ListingStatusEnum values of a listing that no revision brings back: only relisting does. */
const ENDED_STATUSES = ["ENDED", "EBAY_ENDED"]

export type Offer = {
  offerId?: string
  sku?: string
  marketplaceId?: string
  status?: string
  availableQuantity?: number
  listing?: { listingId?: string; listingStatus?: string }
}

/**
 * One SKU's offers on the channel's marketplace, by what a quantity push can do to them: `live`
 * (published, listing active or hidden out of stock) take a quantity; `ended` (published, listing
 * ended) cannot be revised at all.
 */
export type SkuOffers = { published: Offer[]; live: Offer[]; ended: Offer[] }

export function classifyOffers(offers: Offer[]): SkuOffers {
  const published = offers.filter((offer) => offer.status === "PUBLISHED" && offer.offerId)
  const ended = published.filter((offer) => ENDED_STATUSES.includes(offer.listing?.listingStatus ?? ""))
  return { published, live: published.filter((offer) => !ended.includes(offer)), ended }
}

/** eBay ended every listing of this SKU: a raise sets the item but sells nothing until it is relisted. */
export function onlyEnded(offers: SkuOffers | undefined): boolean {
  return !!offers && offers.ended.length > 0 && offers.live.length === 0
}

/**
 * What a buyer can buy: the item's quantity, capped by each live offer's own availableQuantity.
 * channels.md §3.2 [U]: the bulk-updates guide and KB 5100 say the listing shows the smaller of
 * the two; the v1.18.0 schema says the offer's value overrides. The readings differ only when an
 * offer holds more than the item, and then the smaller is the one that never claims stock we
 * cannot sell. A SKU whose listings all ended sells nothing: 0.
 */
export function effectiveQuantity(itemQuantity: number, offers: SkuOffers | undefined): number {
  if (!offers || !offers.published.length) {
    return itemQuantity
  }
  if (onlyEnded(offers)) {
    return 0
  }
  return offers.live.reduce((quantity, offer) => (typeof offer.availableQuantity === "number" ? Math.min(quantity, offer.availableQuantity) : quantity), itemQuantity)
}

/** Each SKU's offers on `marketplaceId` (every marketplace when null): getOffers, once per SKU, a few at a time. */
export async function readOffers(http: EbayHttp, creds: EbayAppCredentials, marketplaceId: string | null, skus: string[]): Promise<Map<string, SkuOffers>> {
  const found = new Map<string, SkuOffers>()
  const queue = [...new Set(skus)]
  const worker = async () => {
    for (let sku = queue.shift(); sku !== undefined; sku = queue.shift()) {
      found.set(sku, classifyOffers(await offersOf(http, creds, marketplaceId, sku)))
    }
  }
  await Promise.all(Array.from({ length: Math.min(OFFER_READS_IN_FLIGHT, queue.length) }, worker))
  return found
}

async function offersOf(http: EbayHttp, creds: EbayAppCredentials, marketplaceId: string | null, sku: string): Promise<Offer[]> {
  try {
    const market = marketplaceId ? `&marketplace_id=${encodeURIComponent(marketplaceId)}` : ""
    const answer = await http.call<{ offers?: Offer[] }>(creds, { method: "GET", path: `${INVENTORY_PATH}/offer?sku=${encodeURIComponent(sku)}${market}` })
    return (answer.body?.offers ?? []).filter((offer) => offer.sku === sku && (!marketplaceId || !offer.marketplaceId || offer.marketplaceId === marketplaceId))
  } catch (error) {
    // An unknown SKU, or one without offers: no listing to speak of (a push of a missing SKU is
    // reported by the bulk call itself, a read skips it).
    if (error instanceof ChannelError && (error.kind === "not_found" || error.kind === "rejected")) {
      return []
    }
    throw error
  }
}
