import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ChannelOrderRow, HeldReservation, MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

export type SettleChannelOrderInput = {
  id: string
  from: ChannelOrderRow["status"][]
  to: ChannelOrderRow["status"]
  order_id?: string | null
  held_reservations?: HeldReservation[] | null
}

/**
 * Moves the channel order to its new status as the last step of an import or a hold, so the
 * Medusa order and reservations and the row's status commit or roll back together. Throws when
 * another delivery moved the row first (the workflow then undoes its order and reservations).
 * Returns the row after the move: the caller reads `channel_status` to see whether the channel
 * cancelled meanwhile.
 */
export const settleChannelOrderStep = createStep(
  "mkt-settle-channel-order",
  async (input: SettleChannelOrderInput, { container }) => {
    const store = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders
    const changes: Parameters<typeof store.transition>[3] = { error_message: null }
    if (input.order_id !== undefined) changes.order_id = input.order_id
    if (input.held_reservations !== undefined) changes.held_reservations = input.held_reservations
    const before = await store.retrieve(input.id)
    const row = await store.transition(input.id, input.from, input.to, changes)
    if (!row) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Channel order ${input.id} was moved by another delivery`)
    }
    return new StepResponse(row, before)
  },
  async (before, { container }) => {
    if (before) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).channelOrders.transition(
        before.id,
        ["imported", "staged"],
        before.status,
        { order_id: before.order_id, held_reservations: before.held_reservations }
      )
    }
  }
)
