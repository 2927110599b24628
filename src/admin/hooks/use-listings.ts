import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import { isPending, SYNC_POLL_MS } from "../lib/sync-status"
import type { CreateListingPayload, ListingListQuery, MatchPayload, UpdateListingPayload } from "../lib/types"
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

export function useListing(id: string | null) {
  return useQuery({
    queryKey: marketplaceKeys.listing(id ?? ""),
    queryFn: () => marketplaceApi.retrieveListing(id as string),
    enabled: !!id,
  })
}

/** "Why isn't this syncing": the causes that apply now. */
export function useListingCauses(id: string | null) {
  return useQuery({
    queryKey: marketplaceKeys.listingCauses(id ?? ""),
    queryFn: () => marketplaceApi.explainListing(id as string),
    enabled: !!id,
  })
}

/**
 * A listing change moves its quantity, its causes and, through a match, the channel orders
 * waiting for it; everything under those keys is refetched.
 */
function useRefreshAfterListingChange() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelOrders() }),
    ])
}

export function useUpdateListing(id: string) {
  const refresh = useRefreshAfterListingChange()
  return useMutation({
    mutationFn: (body: UpdateListingPayload) => marketplaceApi.updateListing(id, body),
    onSuccess: refresh,
  })
}

export function useDeleteListing(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => marketplaceApi.deleteListing(id),
    onSuccess: () => {
      // Its own detail would only answer 404 now.
      queryClient.removeQueries({ queryKey: marketplaceKeys.listing(id) })
      return queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() })
    },
  })
}

/** Matches or (variant_id null) unmatches listings in one call; staged orders waiting for them are released. */
export function useMatchListings() {
  const refresh = useRefreshAfterListingChange()
  return useMutation({
    mutationFn: (body: MatchPayload) => marketplaceApi.matchListings(body),
    // Not awaited: the refetch removes a matched row, and its own callbacks (its toast) would not run then.
    onSuccess: () => void refresh(),
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
