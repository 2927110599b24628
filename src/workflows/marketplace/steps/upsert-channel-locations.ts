import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { ChannelLocationInput } from "../types"

type Input = { channel_id: string; create?: ChannelLocationInput[]; update?: (Partial<ChannelLocationInput> & { id: string })[] }

/** Creates and updates locations of one channel; compensation deletes the new and restores the old. */
export const upsertChannelLocationsStep = createStep(
  "mkt-upsert-channel-locations",
  async ({ channel_id, create = [], update = [] }: Input, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    await marketplace.retrieveChannel(channel_id, { select: ["id"] })
    const before = update.length
      ? await marketplace.listChannelLocations({ id: update.map((u) => u.id), channel_id })
      : []
    const missing = update.find((u) => !before.some((b) => b.id === u.id))
    if (missing) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Channel location ${missing.id} not found on channel ${channel_id}`)
    }
    const created = create.length
      ? await marketplace.createChannelLocations(create.map((c) => ({ ...c, channel_id })))
      : []
    const updated = update.length ? await marketplace.updateChannelLocations(update) : []
    return new StepResponse(
      { created, updated },
      {
        createdIds: created.map((c) => c.id),
        previous: before.map(({ id, external_id, code, name, stock_location_ids }) => ({ id, external_id, code, name, stock_location_ids })),
      }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    if (undo.createdIds.length) {
      await marketplace.deleteChannelLocations(undo.createdIds)
    }
    if (undo.previous.length) {
      await marketplace.updateChannelLocations(undo.previous)
    }
  }
)
