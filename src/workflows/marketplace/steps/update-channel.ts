import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { UpdateChannelInput } from "../types"

const RESTORABLE = [
  "name",
  "code",
  "credentials_encrypted",
  "settings",
  "rules",
  "sync_enabled",
  "disabled_reason",
  "sales_channel_id",
  "force_reconcile_cooldown_minutes",
  "order_import_enabled",
  "sku_separators",
  "metadata",
] as const

/** Updates a channel; the compensation writes back the previous values. */
export const updateChannelStep = createStep(
  "mkt-update-channel",
  async ({ id, credentials, settings, ...data }: UpdateChannelInput, { container }) => {
    const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const before = await marketplace.retrieveChannel(id)
    const sealed =
      credentials === undefined
        ? {}
        : { credentials_encrypted: credentials === null ? null : marketplace.sealCredentials(before.provider_id, credentials) }
    const configured =
      settings === undefined
        ? {}
        : { settings: settings === null ? null : marketplace.checkSettings(before.provider_id, settings, before.settings as Record<string, unknown> | null) }
    const channel = await marketplace.updateChannels({ id, ...data, ...sealed, ...configured })
    const previous = Object.fromEntries(RESTORABLE.map((key) => [key, before[key]]))
    return new StepResponse(channel, { id, ...previous })
  },
  async (previous, { container }) => {
    if (previous) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).updateChannels(previous as any)
    }
  }
)
