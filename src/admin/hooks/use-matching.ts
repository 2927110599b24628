import { useMutation, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { MatchFilePayload } from "../lib/types"

/** Listings and the orders staged for them both move when a channel is matched. */
function useRefreshMatching() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelOrders() }),
    ])
}

/** Reads the channel's catalogue into listings, then auto-matches. */
export function useImportCatalogue(channelId: string) {
  const refresh = useRefreshMatching()
  return useMutation({ mutationFn: () => marketplaceApi.importCatalogue(channelId), onSuccess: refresh })
}

export function useAutoMatch(channelId: string) {
  const refresh = useRefreshMatching()
  return useMutation({ mutationFn: () => marketplaceApi.autoMatch(channelId), onSuccess: refresh })
}

/** Checks a bulk-match file (`confirm: false`) or applies its good rows (`confirm: true`). */
export function useMatchFile() {
  const refresh = useRefreshMatching()
  return useMutation({
    mutationFn: (body: MatchFilePayload) => marketplaceApi.matchFile(body),
    onSuccess: (report) => (report.summary.applied > 0 ? refresh() : undefined),
  })
}
