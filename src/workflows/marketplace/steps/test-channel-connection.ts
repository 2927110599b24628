import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** Asks the channel's provider whether the stored credentials work. Changes nothing on either side. */
export const testChannelConnectionStep = createStep(
  "mkt-test-channel-connection",
  async (channelId: string, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const channel = await marketplace.retrieveChannel(channelId, { select: ["id", "provider_id"] })
    const provider = marketplace.getProvider(channel.provider_id)
    const context = await marketplace.getChannelContext(channelId)
    return new StepResponse(await provider.testConnection(context))
  }
)
