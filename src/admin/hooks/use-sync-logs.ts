import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import { isPending, SYNC_POLL_MS } from "../lib/sync-status"
import type { ForcePushPayload, SyncLogListQuery } from "../lib/types"
import { useRefreshAfterPush } from "./use-refresh-after-push"

export function useSyncLogs(query: SyncLogListQuery) {
  return useQuery({
    queryKey: marketplaceKeys.syncLogList(query),
    queryFn: () => marketplaceApi.listSyncLogs(query),
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) =>
      state.data?.sync_logs.some((log) => isPending(log.status)) ? SYNC_POLL_MS : false,
  })
}

/** Archives the errored rows and queues their listings again with the newest quantity. */
export function useForcePush() {
  const refresh = useRefreshAfterPush()
  return useMutation({
    mutationFn: (body: ForcePushPayload) => marketplaceApi.forcePush(body),
    onSuccess: refresh,
  })
}
