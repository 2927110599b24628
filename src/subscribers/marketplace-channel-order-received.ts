import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { importSlots, SingleFlight } from "../lib/orders/import-slots"
import { CHANNEL_ORDER_RECEIVED_EVENT, countQueuedOrders, importReceived } from "../lib/orders/receive-order"

let counter: SingleFlight | null = null

/**
 * A channel order a webhook has queued: first its units are counted as reserved, with every
 * other order queued meanwhile (one run at a time per process, so a burst costs a few runs, and
 * every other channel is lowered within the pipeline's second); then it is imported as a Medusa
 * order when an import slot is free (`MARKETPLACE_ORDER_IMPORT_CONCURRENCY`, default 2 per
 * process). Lost events are covered by the order poll job, which imports queued orders nobody
 * has touched for a minute.
 */
export default async function channelOrderReceived({ event, container }: SubscriberArgs<{ id: string }>) {
  counter ??= new SingleFlight(() => countQueuedOrders(container as MedusaContainer))
  await counter.request()
  await importSlots.run(() => importReceived(container, event.data.id))
}

export const config: SubscriberConfig = {
  event: CHANNEL_ORDER_RECEIVED_EVENT,
  context: { subscriberId: "marketplace-sync-channel-order-received" },
}
