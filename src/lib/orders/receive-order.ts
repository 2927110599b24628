import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, deleteReservationsWorkflow } from "@medusajs/medusa/core-flows"
import type { ChannelOrder } from "../provider"
import type { ChannelOrderRow, MarketplaceModuleService, PendingUnits } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { holdChannelOrderStockWorkflow, importChannelOrderWorkflow } from "../../workflows/marketplace/import-channel-order"
import { planReservations } from "./plan-reservations"
import { resolveOrderLines } from "./resolve-lines"
import { markStockChanged } from "../../workflows/marketplace/steps/mark-stock-changed"

/** Raised when a webhook has queued a channel order's import; its subscriber imports it. */
export const CHANNEL_ORDER_RECEIVED_EVENT = "marketplace.channel_order.received"

type Query = { graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }> }

/** What a delivery of a channel order did. */
export type ReceiveOutcome =
  | "imported"
  | "staged"
  | "cancelled"
  | "failed"
  /** Taken in by a webhook and queued: the import runs right after the channel has its answer. */
  | "queued"
  /** Another delivery has it (importing, or already in that state): nothing was done twice. */
  | "duplicate"
  /** The channel order is not importable here (order import off, no sales channel). */
  | "ignored"

/**
 * Takes in one channel order from a webhook or the poll. Every delivery of the same order ends
 * in at most one Medusa order: the first delivery claims the (channel, channel order id) row and
 * imports; later ones only record the channel's newest status. A cancellation reaching an
 * imported order cancels it (Medusa releases its reservations); reaching a staged one releases
 * its hold; reaching one still importing is picked up by the importer when it finishes.
 */
export async function receiveChannelOrder(
  container: MedusaContainer,
  channelId: string,
  order: ChannelOrder,
  source: "webhook" | "poll"
): Promise<{ outcome: ReceiveOutcome; channel_order_id: string | null; error?: string }> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const claim = await marketplace.channelOrders.claim({
    channel_id: channelId,
    external_id: order.external_id,
    channel_status: order.status,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      location: line.location ?? null,
      title: line.title ?? null,
      unit_price: line.unit_price ?? null,
      listing_id: null,
      variant_id: null,
    })),
    currency_code: order.currency_code,
    email: order.email,
    placed_at: order.created_at,
    source,
    // A webhook is answered before any work (marketplaces give up on slow receivers and
    // redeliver); the poll job imports in its own time.
    take: source === "webhook" ? "received" : "importing",
  })
  const row = claim.row
  if (claim.owner && row.status === "received") {
    await container.resolve(Modules.EVENT_BUS).emit({ name: CHANNEL_ORDER_RECEIVED_EVENT, data: { id: row.id } })
    return { outcome: "queued", channel_order_id: row.id }
  }
  if (claim.owner) {
    return { ...(await importOwned(container, row, ["importing"])), channel_order_id: row.id }
  }
  if (order.status === "cancelled") {
    return { outcome: (await cancelIfSettled(container, row)) ? "cancelled" : "duplicate", channel_order_id: row.id }
  }
  if (claim.previous === "staged") {
    const released = await releaseStagedOrders(container, [row.id])
    return { outcome: released.imported.length ? "imported" : "duplicate", channel_order_id: row.id }
  }
  return { outcome: "duplicate", channel_order_id: row.id }
}

/**
 * Lowers every channel for queued orders before their imports run: what each one's lines will
 * reserve is planned and counted as reserved by the quantity formula until its import settles,
 * and the variants of all of them are marked in one go, so the pipeline pushes at once. Takes
 * every queued order not looked at yet, so a burst of webhooks costs one mark per round, not
 * one per order. An order that cannot be planned (a line unmatched, not enough stock) counts
 * nothing; its import stages or refuses it as usual. Returns how many orders it looked at.
 */
export async function countQueuedOrders(container: MedusaContainer): Promise<number> {
  const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  let looked = 0
  for (;;) {
    const rows = await store.uncounted(COUNT_BATCH)
    const items = new Set<string>()
    const count = async (row: ChannelOrderRow) => {
      let pending: PendingUnits[] = []
      try {
        const lines = await resolveOrderLines(container, row.channel_id, row.lines)
        if (lines.every((l) => l.variant_id)) {
          const plan = await planReservations(container, row.channel_id, lines)
          pending = plan.reservations.map((r) => ({ inventory_item_id: r.inventory_item_id, location_id: r.location_id, quantity: r.quantity }))
        }
      } catch (error) {
        logger.info(`marketplace: channel order ${row.external_id} is not counted ahead of its import: ${(error as Error).message}`)
      }
      if ((await store.setPending(row.id, pending)) && pending.length) {
        pending.forEach((p) => items.add(p.inventory_item_id))
      }
    }
    // A few plans at a time: each is a handful of short reads.
    for (let i = 0; i < rows.length; i += COUNT_PARALLEL) {
      await Promise.all(rows.slice(i, i + COUNT_PARALLEL).map(count))
    }
    looked += rows.length
    if (items.size) {
      await markStockChanged(container, { trigger: { event: CHANNEL_ORDER_RECEIVED_EVENT }, inventory_item_ids: [...items], stock_moved: true })
    }
    if (rows.length < COUNT_BATCH) {
      return looked
    }
  }
}

/** Queued orders planned per round of countQueuedOrders. */
const COUNT_BATCH = 200
const COUNT_PARALLEL = 6

/** Marks the variants of a pending hold that was just counted or stopped counting. */
async function markPendingChanged(container: MedusaContainer, pending: { inventory_item_id: string }[] | null, event: string, id: string) {
  if (pending?.length) {
    await markStockChanged(container, { trigger: { event, id }, inventory_item_ids: [...new Set(pending.map((p) => p.inventory_item_id))], stock_moved: true })
  }
}

/**
 * Imports a queued (webhook) order: whoever moves it out of `received` first imports it, so the
 * event's subscriber, its redelivery and the poll job's sweep never import one order twice.
 */
export async function importReceived(container: MedusaContainer, id: string): Promise<{ outcome: ReceiveOutcome; error?: string }> {
  const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
  const row = await store.transition(id, ["received"], "importing")
  return row ? importOwned(container, row, ["importing"]) : { outcome: "duplicate" }
}

/**
 * Imports (or stages) a row this caller owns, i.e. has moved into `importing`. `from` is the
 * status the settle step may move it out of.
 */
async function importOwned(
  container: MedusaContainer,
  row: ChannelOrderRow,
  from: ChannelOrderRow["status"][]
): Promise<{ outcome: ReceiveOutcome; error?: string }> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  if (row.channel_status === "cancelled" && !row.held_reservations?.length) {
    if (await marketplace.channelOrders.transition(row.id, from, "cancelled", { error_message: null })) {
      await markPendingChanged(container, row.pending, "marketplace.channel_order.cancelled", row.id)
    }
    return { outcome: "cancelled" }
  }
  try {
    const channel = await marketplace.retrieveChannel(row.channel_id, { select: ["id", "code", "sales_channel_id", "order_import_enabled"] })
    if (!channel.sales_channel_id) {
      throw new Error(`Channel ${channel.code} has no linked sales channel for its orders to land in`)
    }
    const lines = await resolveOrderLines(container, row.channel_id, row.lines)
    const held = row.held_reservations ?? []
    const unmatched = lines.filter((l) => !l.variant_id)
    if (unmatched.length) {
      // Staged: hold the stock of matched lines not held yet.
      const heldLines = new Set(held.map((h) => h.line))
      const toHold = new Set(lines.flatMap((l, i) => (l.variant_id && !heldLines.has(i) ? [i] : [])))
      const plan = toHold.size ? await planReservations(container, row.channel_id, lines, toHold) : { reservations: [] }
      if (!(await marketplace.channelOrders.transition(row.id, from, "importing", { lines }))) {
        return { outcome: "duplicate" }
      }
      const { result } = await holdChannelOrderStockWorkflow(container).run({
        input: { channel_order_id: row.id, external_id: row.external_id, from: ["importing"], held, reservations: plan.reservations },
      })
      if (result.channel_status === "cancelled") {
        await cancelIfSettled(container, result)
        return { outcome: "cancelled" }
      }
      return { outcome: "staged" }
    }
    const plan = await planReservations(container, row.channel_id, lines)
    if (!(await marketplace.channelOrders.transition(row.id, from, "importing", { lines }))) {
      return { outcome: "duplicate" }
    }
    const region = await regionFor(container, row.currency_code)
    const { result } = await importChannelOrderWorkflow(container).run({
      input: {
        channel_order_id: row.id,
        from: ["importing"],
        order: {
          sales_channel_id: channel.sales_channel_id,
          ...(region ? { region_id: region.id, currency_code: region.currency_code } : {}),
          ...(row.email ? { email: row.email } : {}),
          metadata: {
            marketplace_channel_id: channel.id,
            marketplace_channel_code: channel.code,
            marketplace_order_id: row.external_id,
            marketplace_channel_order_id: row.id,
          },
        },
        items: plan.items,
        reservations: plan.reservations,
        release_reservation_ids: held.map((h) => h.id),
      },
    })
    if (result.row.channel_status === "cancelled") {
      await cancelIfSettled(container, result.row)
      return { outcome: "cancelled" }
    }
    return { outcome: "imported" }
  } catch (error) {
    const message = (error as Error).message
    logger.warn(`marketplace: channel order ${row.external_id} of ${row.channel_id} was not imported: ${message}`)
    // A staged order keeps its holds and stays in the queue; anything else waits for the next poll.
    const back = row.held_reservations?.length ? "staged" : "failed"
    await marketplace.channelOrders.transition(row.id, ["importing", ...from], back, { error_message: message })
    // Units counted ahead of the import go back on every channel.
    const current = await marketplace.channelOrders.retrieve(row.id)
    await markPendingChanged(container, current?.pending ?? null, "marketplace.channel_order.failed", row.id).catch(() => undefined)
    return { outcome: "failed", error: message }
  }
}

/**
 * Applies a cancellation to a row that is settled: an imported order is cancelled in Medusa (its
 * reservations go, and every channel's quantity goes back up), a staged one's holds are deleted.
 * False when there was nothing to do or another delivery did it.
 */
export async function cancelIfSettled(container: MedusaContainer, row: ChannelOrderRow): Promise<boolean> {
  const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
  const taken = await store.transition(row.id, ["imported", "staged", "failed"], "cancelled")
  if (!taken) {
    return false
  }
  try {
    if (taken.order_id) {
      await cancelOrderWorkflow(container).run({ input: { order_id: taken.order_id, no_notification: true } })
    }
    if (taken.held_reservations?.length) {
      await deleteReservationsWorkflow(container).run({ input: { ids: taken.held_reservations.map((h) => h.id) } })
      await store.transition(taken.id, ["cancelled"], "cancelled", { held_reservations: null })
    }
  } catch (error) {
    // Put it back as it was, with the reason, for the next delivery or an admin to retry.
    await store.transition(taken.id, ["cancelled"], row.status === "cancelled" ? "failed" : row.status, {
      error_message: `Cancelling failed: ${(error as Error).message}`,
    })
    throw error
  }
  return true
}

/**
 * Looks again at staged orders (after a match): one whose lines all match now becomes a Medusa
 * order, its holds replaced by the order's reservations; one still short holds the stock of any
 * newly matched line and stays staged.
 */
export async function releaseStagedOrders(container: MedusaContainer, ids: string[]): Promise<{ imported: string[]; staged: string[]; failed: { id: string; error: string }[] }> {
  const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
  const result = { imported: [] as string[], staged: [] as string[], failed: [] as { id: string; error: string }[] }
  for (const id of ids) {
    const row = await store.transition(id, ["staged"], "importing")
    if (!row) {
      continue
    }
    const { outcome, error } = await importOwned(container, row, ["importing"])
    if (outcome === "imported") result.imported.push(id)
    else if (outcome === "staged") result.staged.push(id)
    else if (outcome === "failed") result.failed.push({ id, error: error ?? "failed" })
  }
  return result
}

/** Retries failed imports (the poll job): each is owned again and imported or staged. */
export async function retryFailedOrder(container: MedusaContainer, id: string) {
  const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
  const row = await store.transition(id, ["failed"], "importing")
  return row ? importOwned(container, row, ["importing"]) : { outcome: "duplicate" as const }
}

/** The region whose currency is the order's, else none (Medusa then picks the store's). */
async function regionFor(container: MedusaContainer, currency: string | null): Promise<{ id: string; currency_code: string } | null> {
  if (!currency) {
    return null
  }
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { currency_code: currency.toLowerCase() } })
  return data[0] ?? null
}
