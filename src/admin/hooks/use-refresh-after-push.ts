import { useQueryClient } from "@tanstack/react-query"
import { marketplaceKeys } from "../lib/query-keys"

// A queued push is flushed in the background and settles within a second or two; these
// follow-up refreshes pick up its log row and pushed quantity without the user reloading.
const FOLLOW_UPS_MS = [1_500, 4_000]

/** Refreshes listings and the sync log now and again shortly after a push was queued. */
export function useRefreshAfterPush() {
  const queryClient = useQueryClient()
  return () => {
    const refresh = () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.syncLogs() }),
      ])
    for (const delay of FOLLOW_UPS_MS) {
      setTimeout(() => void refresh(), delay)
    }
    return refresh()
  }
}
