import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { importReceived, receiveChannelOrder, retryFailedOrder } from "./receive-order"

/** Pages read per channel and run: a backlog is worked through over several runs. */
const MAX_PAGES = 20
/** A failed import is retried by this many runs, then waits for an admin's retry. */
const MAX_ATTEMPTS = 5
/** A webhook-queued import untouched this long lost its event; the poll takes it. */
const LOST_QUEUE_MS = 60_000

export type PollSummary = { channel_id: string; orders: number; imported: number; staged: number; cancelled: number; failed: number; error?: string }

/** The durable cursor of a channel's order poll, in mkt_sync_cursor. */
export const orderCursorId = (channelId: string) => `orders:${channelId}`

/**
 * The backstop of webhooks: reads every order created or changed on the channel since the
 * cursor and takes each in exactly as a webhook delivery would (so webhook and poll may deliver
 * the same order at once). The cursor is the newest `updated_at` handled, saved after each page;
 * a first run starts from when order import was switched on (the channel's last update).
 * Failed imports are retried on each run, and webhook-queued ones whose event was lost are
 * imported.
 */
export async function pollChannelOrders(container: MedusaContainer, channelIds?: string[]): Promise<PollSummary[]> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const channels = await marketplace.listChannels(
    { order_import_enabled: true, ...(channelIds ? { id: channelIds } : {}) },
    { select: ["id", "code", "provider_id", "sales_channel_id", "updated_at"] }
  )
  const summaries: PollSummary[] = []
  for (const channel of channels) {
    const summary: PollSummary = { channel_id: channel.id, orders: 0, imported: 0, staged: 0, cancelled: 0, failed: 0 }
    summaries.push(summary)
    try {
      const provider = marketplace.getProvider(channel.provider_id)
      if (!provider.capabilities.order_import) {
        continue
      }
      const ctx = await marketplace.getChannelContext(channel.id)
      const [cursor] = await marketplace.listSyncCursors({ id: orderCursorId(channel.id) })
      const since = cursor ? new Date(cursor.position).toISOString() : new Date(channel.updated_at).toISOString()
      let page: string | null = null
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const result = await provider.fetchOrders(ctx, { since, cursor: page })
        for (const order of result.items) {
          summary.orders++
          const received = await receiveChannelOrder(container, channel.id, order, "poll")
          if (received.outcome in summary) {
            summary[received.outcome as "imported"]++
          }
        }
        const newest = result.items.reduce((max, o) => (o.updated_at > max ? o.updated_at : max), since)
        if (newest !== since) {
          await saveCursor(marketplace, channel.id, newest, !!cursor || pages > 0)
        }
        if (!result.next_cursor) {
          break
        }
        page = result.next_cursor
      }
      for (const waiting of await marketplace.listChannelOrders(
        { channel_id: channel.id, status: "received", updated_at: { $lt: new Date(Date.now() - LOST_QUEUE_MS) } },
        { select: ["id"], take: 100 }
      )) {
        const { outcome } = await importReceived(container, waiting.id)
        if (outcome in summary) {
          summary[outcome as "imported"]++
        }
      }
      for (const failed of await marketplace.listChannelOrders(
        { channel_id: channel.id, status: "failed", attempts: { $lt: MAX_ATTEMPTS } },
        { select: ["id"], take: 50 }
      )) {
        await retryFailedOrder(container, failed.id)
      }
    } catch (error) {
      summary.error = (error as Error).message
      logger.warn(`marketplace: polling orders of ${channel.code} failed: ${summary.error}`)
    }
  }
  return summaries
}

async function saveCursor(marketplace: MarketplaceModuleService, channelId: string, position: string, exists: boolean) {
  const id = orderCursorId(channelId)
  const [current] = exists ? [true] : await marketplace.listSyncCursors({ id })
  if (current) {
    await marketplace.updateSyncCursors({ id, position: new Date(position) })
  } else {
    await marketplace.createSyncCursors({ id, position: new Date(position) })
  }
}
