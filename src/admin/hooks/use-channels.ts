import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { CreateChannelPayload, UpdateChannelPayload } from "../lib/types"
import { useRefreshAfterPush } from "./use-refresh-after-push"

export function useChannels(query: { limit: number; offset: number }) {
  return useQuery({
    queryKey: marketplaceKeys.channelList(query),
    queryFn: () => marketplaceApi.listChannels(query),
    placeholderData: keepPreviousData,
  })
}

export function useChannel(id: string) {
  return useQuery({
    queryKey: marketplaceKeys.channel(id),
    queryFn: () => marketplaceApi.retrieveChannel(id),
  })
}

export function useCreateChannel() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateChannelPayload) => marketplaceApi.createChannel(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelLists() }),
  })
}

export function useUpdateChannel(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateChannelPayload) => marketplaceApi.updateChannel(id, body),
    onSuccess: async ({ channel }) => {
      queryClient.setQueryData(marketplaceKeys.channel(id), { channel })
      // Rules and the sync switch change what every listing of the channel would show.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelLists() }),
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
      ])
    },
  })
}

export function useDeleteChannel(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => marketplaceApi.deleteChannel(id),
    // The detail page is still mounted here; refetching its channel would only answer 404.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelLists() }),
  })
}

export function useTestConnection(id: string) {
  return useMutation({ mutationFn: () => marketplaceApi.testConnection(id) })
}

/** "Sync now" for a whole channel: every listing is pushed its current quantity. */
export function useSyncChannel(id: string) {
  const refresh = useRefreshAfterPush()
  return useMutation({
    mutationFn: () => marketplaceApi.syncChannel(id),
    onSuccess: refresh,
  })
}
