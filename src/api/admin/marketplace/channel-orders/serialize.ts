import type { MedusaContainer } from "@medusajs/framework/types"
import { marketplaceService } from "../helpers"

/**
 * Channel orders as the admin shows them: with their channel's name and code, and each line's
 * listing state (matched or not, the matcher's suggestion), so the Unmatched Orders page can
 * match inline.
 */
export async function serializeChannelOrders(scope: MedusaContainer, rows: any[]) {
  const marketplace = marketplaceService(scope)
  const channelIds = [...new Set(rows.map((r) => r.channel_id))]
  const channels = channelIds.length ? await marketplace.listChannels({ id: channelIds }, { select: ["id", "name", "code"] }) : []
  const pairs = rows.flatMap((r) => (r.lines as { sku: string }[]).map((l) => ({ channel_id: r.channel_id, channel_sku: l.sku })))
  const listings = pairs.length
    ? await marketplace.listListings({ $or: pairs }, { select: ["id", "channel_id", "channel_sku", "variant_id", "match_suggestion", "title"] })
    : []
  const listingOf = (channelId: string, sku: string) => listings.find((l) => l.channel_id === channelId && l.channel_sku === sku)
  return rows.map((row) => {
    const channel = channels.find((c) => c.id === row.channel_id)
    return {
      ...row,
      channel: channel ? { id: channel.id, name: channel.name, code: channel.code } : null,
      lines: (row.lines as { sku: string }[]).map((line) => {
        const listing = listingOf(row.channel_id, line.sku)
        return {
          ...line,
          listing: listing
            ? { id: listing.id, variant_id: listing.variant_id, match_suggestion: listing.match_suggestion, title: listing.title }
            : null,
          matched: !!listing?.variant_id,
        }
      }),
    }
  })
}
