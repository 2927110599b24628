import { ChannelError } from "../../lib/provider"
import { startOfNextDay } from "../../lib/provider/day"

/**
 * eBay's revision cap: "each listing can be revised up to 250 times in one calendar day" [V:
 * bulkUpdatePriceQuantity and publishOffer descriptions].
 */
export const REVISIONS_PER_DAY = 250
/**
 * eBay does not say whose calendar day that is. Assumed: eBay time, US Pacific (what eBay.com and
 * Seller Hub show as "eBay time"). A wrong guess costs at most a refusal, mapped below.
 */
export const EBAY_DAY_TIME_ZONE = "America/Los_Angeles"
/** A capped push is retried this long after our idea of eBay's midnight: clocks differ by seconds. */
const NEXT_DAY_MARGIN_MS = 60_000

export type EbayError = { errorId?: number; message?: string; longMessage?: string }
export type ItemResponse = { statusCode?: number; sku?: string; offerId?: string; errors?: EbayError[] }

/**
 * The revision-cap refusal. eBay documents no errorId for it (25002, this call's catch-all user
 * error, is the likely one), so it is recognised by what the message says.
 */
export function isRevisionCap(error: EbayError | undefined): boolean {
  const text = `${error?.message ?? ""} ${error?.longMessage ?? ""}`
  return /revis/i.test(text) && /(maximum|limit|exceed|threshold|250)/i.test(text)
}

/**
 * One SKU's failed response, in the closed set: 25702 not found, 25025 transient, 25713 rejected,
 * the revision cap rate-limited until eBay's next day, anything else rejected in eBay's words.
 */
export function mapItemError(sku: string, response: ItemResponse, now: number): ChannelError {
  const error = response.errors?.[0]
  const id = error?.errorId
  const said = error?.message ?? error?.longMessage ?? `status ${response.statusCode}`
  if (id === 25702) {
    return ChannelError.notFound(`No eBay inventory item has SKU "${sku}" (${said})`, "SKU_NOT_FOUND")
  }
  if (id === 25025) {
    return ChannelError.transient(`eBay was updating inventory item "${sku}" concurrently; retry (${said})`, "25025")
  }
  if (id === 25713) {
    return ChannelError.rejected(
      `eBay refused the quantity for SKU "${sku}": offer ${response.offerId ?? "?"} is not published, and bulkUpdatePriceQuantity only updates published offers (publish it, or change it with updateOffer) (${said})`,
      "25713"
    )
  }
  if (isRevisionCap(error)) {
    // Not a rejection: the same push is accepted once eBay's day turns, so it waits for that.
    const wait = startOfNextDay(now, EBAY_DAY_TIME_ZONE) - now + NEXT_DAY_MARGIN_MS
    return ChannelError.rateLimited(
      `eBay blocks revisions of SKU "${sku}" for the rest of its day (${REVISIONS_PER_DAY} a listing a day); the quantity goes when the next day starts (${said})`,
      wait,
      "REVISION_CAP"
    )
  }
  if (id === undefined && (response.statusCode ?? 500) >= 500) {
    return ChannelError.transient(`eBay failed to update SKU "${sku}" (${said})`, `HTTP_${response.statusCode ?? 500}`)
  }
  return ChannelError.rejected(`eBay refused the quantity for SKU "${sku}": ${said}`, id !== undefined ? String(id) : `HTTP_${response.statusCode}`)
}

/** The Sync Log note of a 0 accepted without Out-of-Stock Control. */
export const LISTING_ENDED_NOTE =
  "listing ended by eBay: without Out-of-Stock Control eBay ends a fixed-price listing at quantity 0. When stock returns it has to be relisted in Seller Hub (then Force Push); turn on Out-of-Stock Control to keep listings alive and hidden at 0 instead."

/** A raise on a SKU whose listings eBay ended: the item took the quantity, buyers still see nothing. */
export function listingEnded(sku: string, quantity: number, listingIds: string[], outOfStockControl: boolean): ChannelError {
  const which = listingIds.length ? ` (listing ${listingIds.join(", ")})` : ""
  const why = outOfStockControl
    ? "it ended anyway (before Out-of-Stock Control was on, after 180 days at 0, or by hand)"
    : "it ended when its quantity reached 0 without Out-of-Stock Control"
  return ChannelError.rejected(
    `eBay's listing for SKU "${sku}"${which} is ended: ${why}. The inventory item now holds ${quantity}, but nothing is for sale until you relist it in Seller Hub (Listings → Ended → Relist), then Force Push this listing.${outOfStockControl ? "" : " Turn on Out-of-Stock Control in eBay's Site Preferences and on this channel so listings stay alive at 0."}`,
    "LISTING_ENDED"
  )
}
