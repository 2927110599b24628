import { useMutation, useQuery } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"

export function useProviders() {
  return useQuery({
    queryKey: marketplaceKeys.providers(),
    queryFn: marketplaceApi.listProviders,
    staleTime: 5 * 60_000,
  })
}

/** Tests credentials typed in a form before they are saved; nothing is cached or stored. */
export function useTestProviderConnection() {
  return useMutation({
    mutationFn: ({ providerId, credentials }: { providerId: string; credentials: Record<string, string> }) =>
      marketplaceApi.testProviderConnection(providerId, credentials),
  })
}
