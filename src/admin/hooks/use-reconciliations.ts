import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { ForceReconcilePayload, Reconciliation } from "../lib/types"

const RUN_POLL_MS = 1000
const inProgress = (run: Pick<Reconciliation, "status"> | null | undefined) => run?.status === "pending" || run?.status === "running"

/** The channel's newest run; polled while it is generated. */
export function useLatestReconciliation(channelId: string | null) {
  return useQuery({
    queryKey: marketplaceKeys.latestReconciliation(channelId ?? ""),
    queryFn: () => marketplaceApi.latestReconciliation(channelId!),
    enabled: !!channelId,
    refetchInterval: ({ state }) => (inProgress(state.data) ? RUN_POLL_MS : false),
  })
}

/** A run's rows for the page; polled while the run is generated. */
export function useReconciliation(id: string | null, query: { status?: string[]; limit: number; offset: number }) {
  return useQuery({
    queryKey: marketplaceKeys.reconciliation(id ?? "", query),
    queryFn: () => marketplaceApi.retrieveReconciliation(id!, query),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) => (inProgress(state.data?.reconciliation) ? RUN_POLL_MS : false),
  })
}

export function useGenerateReconciliation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { channel_id: string; location_ids?: string[] }) => marketplaceApi.createReconciliation(body),
    onSuccess: () => client.invalidateQueries({ queryKey: marketplaceKeys.reconciliations() }),
  })
}

export function useForceReconcile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: ForceReconcilePayload) => marketplaceApi.forceReconcile(body),
    onSuccess: () => client.invalidateQueries({ queryKey: marketplaceKeys.syncLogs() }),
  })
}
