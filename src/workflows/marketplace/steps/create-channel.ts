import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { ChannelLocationInput, CreateChannelInput } from "../types"

/** Creates the channel (credentials sealed by the module) and its locations; undone by deleting them. */
export const createChannelStep = createStep(
  "mkt-create-channel",
  async (input: CreateChannelInput, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    if (!marketplace.registeredProviderIds().includes(input.provider_id)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `provider_id "${input.provider_id}" is not a registered marketplace provider (registered: ${marketplace.registeredProviderIds().join(", ") || "none"})`
      )
    }
    const { credentials, settings, locations, ...data } = input
    const channel = await marketplace.createChannels({
      ...data,
      credentials_encrypted: credentials ? marketplace.sealCredentials(input.provider_id, credentials) : null,
      settings: settings ? marketplace.checkSettings(input.provider_id, settings) : null,
    })
    if (locations?.length) {
      await marketplace.createChannelLocations(
        locations.map((location: ChannelLocationInput) => ({ ...location, channel_id: channel.id }))
      )
    }
    return new StepResponse(channel, channel.id)
  },
  async (channelId, { container }) => {
    if (channelId) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).deleteChannels(channelId)
    }
  }
)
