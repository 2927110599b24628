import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query"
import { marketplaceApi } from "../lib/api"
import { marketplaceKeys } from "../lib/query-keys"
import type { ChannelOrderListQuery, ChannelOrderStatus } from "../lib/types"

// Webhook deliveries are imported in the background; a screen showing one still on its way asks again.
const IN_FLIGHT_POLL_MS = 2_000

export function useChannelOrders(query: ChannelOrderListQuery) {
  return useQuery({
    queryKey: marketplaceKeys.channelOrderList(query),
    queryFn: () => marketplaceApi.listChannelOrders(query),
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) =>
      state.data?.channel_orders.some((o) => o.status === "received" || o.status === "importing") ? IN_FLIGHT_POLL_MS : false,
  })
}

/** How many orders each status holds under the other filters; the list route counts, one call per status. */
export function useChannelOrderCounts(statuses: ChannelOrderStatus[], filter: { channel_id?: string; q?: string }) {
  const results = useQueries({
    queries: statuses.map((status) => {
      const query = { ...filter, status: [status], limit: 1, offset: 0 }
      return {
        queryKey: marketplaceKeys.channelOrderList(query),
        queryFn: () => marketplaceApi.listChannelOrders(query),
        select: (data: { count: number }) => data.count,
      }
    }),
  })
  if (results.some((r) => r.data === undefined)) {
    return null
  }
  return Object.fromEntries(statuses.map((status, i) => [status, results[i].data as number])) as Record<ChannelOrderStatus, number>
}

/** The channel order a Medusa order was imported from, or null for an order placed in Medusa. */
export function useOrderSource(orderId: string) {
  return useQuery({
    queryKey: marketplaceKeys.orderSource(orderId),
    queryFn: async () => (await marketplaceApi.listChannelOrders({ order_id: orderId, limit: 1, offset: 0 })).channel_orders[0] ?? null,
  })
}

/** Release and Retry change the order and, by importing it, the quantities of its listings. */
function useChannelOrderAction(action: (id: string) => Promise<unknown>) {
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.channelOrders() }),
      queryClient.invalidateQueries({ queryKey: marketplaceKeys.listings() }),
    ])
  // A refused release (409, 422) may still have changed the row (a new hold, the reason), so both ends
  // refresh. Not awaited: the refetch drops a released order from the list, and the card's own
  // callbacks (its toast) would never run once it is gone.
  return useMutation({ mutationFn: action, onSettled: () => void refresh() })
}

export const useReleaseChannelOrder = () => useChannelOrderAction((id) => marketplaceApi.releaseChannelOrder(id))
export const useRetryChannelOrder = () => useChannelOrderAction((id) => marketplaceApi.retryChannelOrder(id))
