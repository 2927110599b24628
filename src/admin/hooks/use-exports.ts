import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { CreateExportPayload } from "../lib/types"

const EXPORT_POLL_MS = 1000

/** The Export History; polls while an export is still being written. */
export function useExports(query: { limit: number; offset: number }) {
  return useQuery({
    queryKey: marketplaceKeys.exportList(query),
    queryFn: () => marketplaceApi.listExports(query),
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) => (state.data?.exports.some((e) => e.status === "pending") ? EXPORT_POLL_MS : false),
  })
}

export function useCreateExport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateExportPayload) => marketplaceApi.createExport(body),
    onSuccess: () => client.invalidateQueries({ queryKey: marketplaceKeys.exports() }),
  })
}
