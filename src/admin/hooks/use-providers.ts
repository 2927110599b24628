import { useQuery } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"

export function useProviders() {
  return useQuery({
    queryKey: marketplaceKeys.providers(),
    queryFn: marketplaceApi.listProviders,
    staleTime: 5 * 60_000,
  })
}
