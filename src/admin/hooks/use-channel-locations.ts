import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { ChannelLocationPayload } from "../lib/types"

export function useChannelLocations(channelId: string) {
  return useQuery({
    queryKey: marketplaceKeys.locations(channelId),
    queryFn: () => marketplaceApi.listLocations(channelId),
    enabled: !!channelId,
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
