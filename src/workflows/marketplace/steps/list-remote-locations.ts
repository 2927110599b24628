import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  type AbstractMarketplaceProvider,
  type ChannelErrorShape,
  type RemoteLocation,
  toChannelError,
} from "../../../lib/provider"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

/** A channel's location as the admin picks it: `mapped_to` is our channel location that holds its id already. */
export type RemoteLocationView = RemoteLocation & { mapped_to: string | null }

/** The channel's answer: its locations, or its refusal (auth, unreachable …) as data. */
export type RemoteLocationsResult =
  | { ok: true; locations: RemoteLocationView[] }
  | { ok: false; error: ChannelErrorShape }

/**
 * Reads the channel's stock locations with the saved credentials and marks the ones a channel
 * location already maps. A provider that keeps one number per SKU has none to list: that is the
 * admin's mistake (400), not the channel's. Changes nothing on either side.
 */
export const listRemoteLocationsStep = createStep(
  "mkt-list-remote-locations",
  async (channelId: string, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const channel = await marketplace.retrieveChannel(channelId, { select: ["id", "provider_id"] })
    const provider = marketplace.getProvider(channel.provider_id)
    if (!provider.capabilities.per_location) {
      throw noLocations(provider)
    }
    let remote: RemoteLocation[]
    try {
      remote = await provider.listLocations(await marketplace.getChannelContext(channelId))
    } catch (error) {
      if (error instanceof MedusaError && error.type === MedusaError.Types.NOT_ALLOWED) {
        throw noLocations(provider)
      }
      if (error instanceof MedusaError) {
        throw error
      }
      return new StepResponse<RemoteLocationsResult>({ ok: false, error: toChannelError(error).toShape() })
    }
    const mapped = await marketplace.listChannelLocations({ channel_id: channelId }, { select: ["id", "external_id"] })
    const byExternalId = new Map(mapped.map((location) => [location.external_id, location.id]))
    return new StepResponse<RemoteLocationsResult>({
      ok: true,
      locations: remote.map((location) => ({ ...location, mapped_to: byExternalId.get(location.id) ?? null })),
    })
  }
)

function noLocations(provider: AbstractMarketplaceProvider): MedusaError {
  const kind = provider.constructor as typeof AbstractMarketplaceProvider
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${kind.displayName ?? kind.identifier} has no locations: quantities are one number per SKU`
  )
}
