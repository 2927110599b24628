import { createOrderWorkflow, createReservationsWorkflow, deleteReservationsWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ChannelOrderRow } from "../../modules/marketplace"
import type { PlannedItem, PlannedReservation } from "../../lib/orders/plan-reservations"
import { channelOrderReservationRef } from "../../lib/orders/reservation-ref"
import { settleChannelOrderStep } from "./steps/settle-channel-order"

export type ImportChannelOrderInput = {
  channel_order_id: string
  from: ChannelOrderRow["status"][]
  order: {
    sales_channel_id: string
    region_id?: string
    currency_code?: string
    email?: string
    metadata: Record<string, unknown>
  }
  items: PlannedItem[]
  reservations: PlannedReservation[]
  /** Reservations that held a staged order's stock; replaced by the order's own. */
  release_reservation_ids: string[]
}

export const importChannelOrderWorkflowId = "mkt-import-channel-order"

/**
 * A channel order becomes a Medusa order: Medusa's own order workflow (which checks the sales
 * channel has the stock), a reservation per line and inventory item at the planned location, and
 * the channel order marked imported, all or nothing. A staged order's holding reservations are
 * released in the same run (restored if anything later fails). The reservations raise
 * `reservation-item.created`, so every channel's quantity is recomputed and pushed as after a
 * checkout. No `order.placed` is emitted: the buyer belongs to the marketplace, which sends its
 * own confirmations.
 */
export const importChannelOrderWorkflow = createWorkflow(importChannelOrderWorkflowId, (input: ImportChannelOrderInput) => {
  when("release-held-stock", { input }, ({ input }) => input.release_reservation_ids.length > 0).then(() => {
    deleteReservationsWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ ids: input.release_reservation_ids })) })
  })
  const orderInput = transform({ input }, ({ input }) => ({
    ...input.order,
    items: input.items.map((item) => ({
      variant_id: item.variant_id,
      quantity: item.quantity,
      title: item.title,
      unit_price: item.unit_price,
      is_tax_inclusive: true,
      metadata: { marketplace_line: item.line },
    })),
  }))
  const order = createOrderWorkflow.runAsStep({ input: orderInput as any })
  const reservations = transform({ input, order }, ({ input, order }) =>
    input.reservations.map((reservation) => {
      const item = (order as any).items.find((i: any) => i.metadata?.marketplace_line === reservation.line)
      return {
        line_item_id: item?.id ?? null,
        inventory_item_id: reservation.inventory_item_id,
        location_id: reservation.location_id,
        quantity: reservation.quantity,
        allow_backorder: reservation.allow_backorder,
        external_id: channelOrderReservationRef(input.channel_order_id),
        description: `Marketplace order ${(input.order.metadata as { marketplace_order_id?: string }).marketplace_order_id ?? ""}`.trim(),
      }
    })
  )
  when("reserve-lines", { reservations }, ({ reservations }) => reservations.length > 0).then(() => {
    createReservationsWorkflow.runAsStep({ input: { reservations } })
  })
  const settled = settleChannelOrderStep(
    transform({ input, order }, ({ input, order }) => ({
      id: input.channel_order_id,
      from: input.from,
      to: "imported" as const,
      order_id: (order as any).id as string,
      held_reservations: null,
    }))
  )
  return new WorkflowResponse({ order_id: transform({ order }, ({ order }) => (order as any).id as string), row: settled })
})

export type HoldChannelOrderStockInput = {
  channel_order_id: string
  external_id: string
  from: ChannelOrderRow["status"][]
  /** Holds already in place, kept. */
  held: { id: string; line: number; inventory_item_id: string }[]
  reservations: PlannedReservation[]
}

export const holdChannelOrderStockWorkflowId = "mkt-hold-channel-order-stock"

/**
 * A staged order's matched lines keep their stock: reservations without a line item (the order
 * does not exist yet), named after the channel order, so no channel is offered units that are
 * already sold. The row becomes `staged` with the holds in the same run.
 */
export const holdChannelOrderStockWorkflow = createWorkflow(holdChannelOrderStockWorkflowId, (input: HoldChannelOrderStockInput) => {
  const created = when("hold-lines", { input }, ({ input }) => input.reservations.length > 0).then(() =>
    createReservationsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        reservations: input.reservations.map((r) => ({
          inventory_item_id: r.inventory_item_id,
          location_id: r.location_id,
          quantity: r.quantity,
          allow_backorder: r.allow_backorder,
          external_id: channelOrderReservationRef(input.channel_order_id),
          description: `Held for staged marketplace order ${input.external_id}`,
        })),
      })),
    })
  )
  const settled = settleChannelOrderStep(
    transform({ input, created }, ({ input, created }) => ({
      id: input.channel_order_id,
      from: input.from,
      to: "staged" as const,
      held_reservations: [
        ...input.held,
        ...((created as { id: string }[] | undefined) ?? []).map((reservation, i) => ({
          id: reservation.id,
          line: input.reservations[i].line,
          inventory_item_id: input.reservations[i].inventory_item_id,
        })),
      ],
    }))
  )
  return new WorkflowResponse(settled)
})
