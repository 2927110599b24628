import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { CreateListingPayload, ListingListQuery } from "../lib/types"

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
