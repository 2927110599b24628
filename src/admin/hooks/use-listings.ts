import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import { isPending, SYNC_POLL_MS } from "../lib/sync-status"
import type { CreateListingPayload, ListingListQuery } from "../lib/types"
import { useRefreshAfterPush } from "./use-refresh-after-push"

export function useListings(query: ListingListQuery) {
  return useQuery({
    queryKey: marketplaceKeys.listingList(query),
    queryFn: () => marketplaceApi.listListings(query),
    placeholderData: keepPreviousData,
  })
}

export function useListingPreview(id: string | null) {
  return useQuery({
    queryKey: marketplaceKeys.listingPreview(id ?? ""),
    queryFn: () => marketplaceApi.previewListing(id as string),
    enabled: !!id,
  })
}

export function useCreateListing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateListingPayload) => marketplaceApi.createListing(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
  })
}

/** Every listing of one variant, on any channel, with its push state. */
export function useVariantListings(variantId: string) {
  return useQuery({
    queryKey: marketplaceKeys.variantListings(variantId),
    queryFn: () => marketplaceApi.listVariantListings(variantId),
    refetchInterval: ({ state }) =>
      state.data?.listings.some((listing) => listing.sync?.last_record && isPending(listing.sync.last_record.status))
        ? SYNC_POLL_MS
        : false,
  })
}

/** "Sync now": pushes the listing's current quantity even if the channel already shows it. */
export function useSyncListing() {
  const refresh = useRefreshAfterPush()
  return useMutation({
    mutationFn: (id: string) => marketplaceApi.syncListing(id),
    onSuccess: refresh,
  })
}
