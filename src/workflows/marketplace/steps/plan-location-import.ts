import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ChannelErrorShape } from "../../../lib/provider"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { ChannelLocationInput } from "../types"
import type { RemoteLocationsResult } from "./list-remote-locations"

/** One chosen remote location: its id on the channel, and what our channel location makes of it. */
export type LocationImportChoice = { id: string; code?: string; name?: string | null; stock_location_ids: string[] }

export type LocationImportPlan = {
  /** The channel's refusal to list its locations; nothing is created then. */
  error: ChannelErrorShape | null
  create: ChannelLocationInput[]
  /** Chosen locations a channel location maps already, left as they are. */
  skipped: { id: string; mapped_to: string }[]
}

/** The same limit as a code typed in the add-location form. */
const MAX_CODE_LENGTH = 64

/**
 * Turns the admin's choice into channel locations: external id = the channel's id, code and name
 * the given ones or the channel's. Refuses ids the channel does not have and codes taken twice
 * (in the choice or by the channel's other locations), naming them. Writes nothing.
 */
export const planLocationImportStep = createStep(
  "mkt-plan-location-import",
  async (input: { channel_id: string; locations: LocationImportChoice[]; remote: RemoteLocationsResult }, { container }) => {
    if (!input.remote.ok) {
      return new StepResponse<LocationImportPlan>({ error: input.remote.error, create: [], skipped: [] })
    }
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const channel = await marketplace.retrieveChannel(input.channel_id, { select: ["id", "name"] })
    const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)
    const remote = new Map(input.remote.locations.map((location) => [location.id, location]))
    const existing = await marketplace.listChannelLocations({ channel_id: channel.id }, { select: ["id", "code"] })
    const codes = new Map(existing.map((location) => [location.code, `location ${location.id}`]))
    const plan: LocationImportPlan = { error: null, create: [], skipped: [] }
    const seen = new Set<string>()

    for (const choice of input.locations) {
      const found = remote.get(choice.id)
      if (!found) {
        throw invalid(`Location "${choice.id}" is not a location of channel "${channel.name}"`)
      }
      if (seen.has(choice.id)) {
        throw invalid(`Location "${choice.id}" is chosen twice`)
      }
      seen.add(choice.id)
      if (found.mapped_to) {
        plan.skipped.push({ id: choice.id, mapped_to: found.mapped_to })
        continue
      }
      const code = choice.code?.trim() || found.code
      if (code.length > MAX_CODE_LENGTH) {
        throw invalid(`Code "${code}" of location "${choice.id}" is longer than ${MAX_CODE_LENGTH} characters; give a shorter one`)
      }
      const holder = codes.get(code)
      if (holder) {
        throw invalid(`Code "${code}" is already used by ${holder} on channel "${channel.name}"`)
      }
      codes.set(code, `location "${choice.id}" of this import`)
      plan.create.push({ external_id: found.id, code, name: choice.name?.trim() || found.name, stock_location_ids: choice.stock_location_ids })
    }
    return new StepResponse(plan)
  }
)
