import { toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "react-router-dom"
import { errorMessage } from "../lib/errors"
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

/** Starts an export and says so, with a way to the Export History where it can be downloaded. */
export function useStartExport() {
  const navigate = useNavigate()
  const createExport = useCreateExport()
  const start = (body: CreateExportPayload) =>
    createExport.mutate(body, {
      onSuccess: () =>
        toast.success("Export started", {
          description: "The workbook is written in the background; download it from the Export History.",
          action: { label: "Open", altText: "Open the Export History", onClick: () => navigate("/marketplaces/exports") },
        }),
      onError: (error) => toast.error(errorMessage(error, "The export could not be started")),
    })
  return { start, isPending: createExport.isPending }
}
