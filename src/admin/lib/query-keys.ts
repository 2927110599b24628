import type { ChannelOrderListQuery, ListingListQuery, SyncLogListQuery } from "./types"

const root = ["marketplace"] as const

/** One place for every cache key, so a mutation can invalidate exactly what it changed. */
export const marketplaceKeys = {
  all: root,
  providers: () => [...root, "providers"] as const,
  channels: () => [...root, "channels"] as const,
  channelLists: () => [...root, "channels", "list"] as const,
  channelList: (query: Record<string, unknown>) => [...root, "channels", "list", query] as const,
  channel: (id: string) => [...root, "channels", "detail", id] as const,
  locations: (channelId: string) => [...root, "channels", "detail", channelId, "locations"] as const,
  remoteLocations: (channelId: string) => [...root, "channels", "detail", channelId, "remote-locations"] as const,
  listings: () => [...root, "listings"] as const,
  listingList: (query: ListingListQuery) => [...root, "listings", "list", query] as const,
  listingPreview: (id: string) => [...root, "listings", "preview", id] as const,
  listing: (id: string) => [...root, "listings", "detail", id] as const,
  listingCauses: (id: string) => [...root, "listings", "why", id] as const,
  variantListings: (variantId: string) => [...root, "listings", "variant", variantId] as const,
  syncLogs: () => [...root, "sync-logs"] as const,
  syncLogList: (query: SyncLogListQuery) => [...root, "sync-logs", "list", query] as const,
  exports: () => [...root, "exports"] as const,
  reconciliations: () => [...root, "reconciliations"] as const,
  latestReconciliation: (channelId: string) => [...root, "reconciliations", "latest", channelId] as const,
  reconciliation: (id: string, query: Record<string, unknown>) => [...root, "reconciliations", "detail", id, query] as const,
  exportList: (query: Record<string, unknown>) => [...root, "exports", "list", query] as const,
  channelOrders: () => [...root, "channel-orders"] as const,
  channelOrderList: (query: ChannelOrderListQuery) => [...root, "channel-orders", "list", query] as const,
  orderSource: (orderId: string) => [...root, "channel-orders", "by-order", orderId] as const,
}

export const storeKeys = {
  salesChannels: () => ["marketplace-admin", "sales-channels"] as const,
  stockLocations: () => ["marketplace-admin", "stock-locations"] as const,
  variantSearch: (q: string) => ["marketplace-admin", "variants", q] as const,
  variantsById: (ids: string[]) => ["marketplace-admin", "variants-by-id", ids] as const,
}
