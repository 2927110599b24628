import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useCallback, useMemo } from "react"
import { sdk } from "../lib/sdk"
import { variantLabel } from "../lib/format"
import { storeKeys } from "../lib/query-keys"

// The pickers show every option in one list; stores with more than this many need a search instead.
const PICKER_LIMIT = 200

export function useSalesChannels() {
  return useQuery({
    queryKey: storeKeys.salesChannels(),
    queryFn: () => sdk.admin.salesChannel.list({ limit: PICKER_LIMIT, fields: "id,name" }),
    staleTime: 60_000,
  })
}

export function useStockLocations() {
  return useQuery({
    queryKey: storeKeys.stockLocations(),
    queryFn: () => sdk.admin.stockLocation.list({ limit: PICKER_LIMIT, fields: "id,name" }),
    staleTime: 60_000,
  })
}

/** Names stock locations for breakdowns; an unknown (deleted) location shows its id. */
export function useStockLocationName(): (id: string) => string {
  const { data } = useStockLocations()
  const names = useMemo(() => new Map((data?.stock_locations ?? []).map((l) => [l.id, l.name])), [data])
  return useCallback((id: string) => names.get(id) ?? id, [names])
}

export function useVariantSearch(q: string) {
  return useQuery({
    queryKey: storeKeys.variantSearch(q),
    queryFn: () =>
      sdk.admin.productVariant.list({ q: q || undefined, limit: 10, fields: "id,title,sku,product.id,product.title" }),
    placeholderData: keepPreviousData,
  })
}

/** Names the variants a page refers to by id (suggestions), in one request. */
export function useVariantsById(ids: string[]) {
  const sorted = useMemo(() => [...new Set(ids)].sort(), [ids])
  const { data } = useQuery({
    queryKey: storeKeys.variantsById(sorted),
    queryFn: () =>
      sdk.admin.productVariant.list({ id: sorted, limit: sorted.length, fields: "id,title,sku,product.id,product.title" }),
    enabled: sorted.length > 0,
    staleTime: 60_000,
  })
  return useMemo(() => new Map((data?.variants ?? []).map((v) => [v.id, variantLabel(v)])), [data])
}

