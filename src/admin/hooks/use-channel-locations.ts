import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { ChannelLocationPayload, ImportLocationChoice } from "../lib/types"

export function useChannelLocations(channelId: string) {
  return useQuery({
    queryKey: marketplaceKeys.locations(channelId),
    queryFn: () => marketplaceApi.listLocations(channelId),
    enabled: !!channelId,
  })
}

/**
 * The channel's own locations, read live from the marketplace. Not retried: a refusal (bad key,
 * a provider without locations) is the answer to show, and asking again only repeats it.
 */
export function useRemoteLocations(channelId: string) {
  return useQuery({
    queryKey: marketplaceKeys.remoteLocations(channelId),
    queryFn: () => marketplaceApi.listRemoteLocations(channelId),
    retry: false,
    staleTime: 0,
  })
}

/**
 * A mapping change alters the channel's location count and every listing's quantity; location
 * lists sit under the channel keys, so invalidating channels refreshes them too.
 */
function useInvalidateAfterLocationChange() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.channels() }),
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
    ])
}

export function useCreateChannelLocation(channelId: string) {
  const invalidate = useInvalidateAfterLocationChange()
  return useMutation({
    mutationFn: (body: ChannelLocationPayload) => marketplaceApi.createLocation(channelId, body),
    onSuccess: invalidate,
  })
}

export function useUpdateChannelLocation(channelId: string) {
  const invalidate = useInvalidateAfterLocationChange()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ChannelLocationPayload> }) =>
      marketplaceApi.updateLocation(channelId, id, body),
    onSuccess: invalidate,
  })
}

export function useDeleteChannelLocation(channelId: string) {
  const invalidate = useInvalidateAfterLocationChange()
  return useMutation({
    mutationFn: (locationId: string) => marketplaceApi.deleteLocation(channelId, locationId),
    onSuccess: invalidate,
  })
}

export function useImportLocations(channelId: string) {
  const invalidate = useInvalidateAfterLocationChange()
  return useMutation({
    mutationFn: (locations: ImportLocationChoice[]) => marketplaceApi.importLocations(channelId, locations),
    onSuccess: invalidate,
  })
}
