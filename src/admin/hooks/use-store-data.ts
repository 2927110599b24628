import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
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

export function useVariantSearch(q: string) {
  return useQuery({
    queryKey: storeKeys.variantSearch(q),
    queryFn: () =>
      sdk.admin.productVariant.list({ q: q || undefined, limit: 10, fields: "id,title,sku,product.id,product.title" }),
    placeholderData: keepPreviousData,
  })
}
