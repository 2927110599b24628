import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import type { ForceReconcileInput } from "../types"

export type ForceScope = {
  channel_id: string
  listing_ids: string[]
  /** Whole listings when no locations or rows were chosen; else only these targets. */
  force: boolean
  force_targets?: { channel_location_ids?: string[]; keys?: string[] }
}

/**
 * What a Force Reconcile covers: the channel's matched listings (at the chosen locations), or the
 * chosen rows of a run. Refuses a channel whose provider cannot take forced updates.
 */
export const resolveForceScopeStep = createStep("mkt-resolve-force-scope", async (input: ForceReconcileInput, { container }) => {
  const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  let channelId = input.channel_id
  let keys: string[] | undefined
  let listingIds: string[] | undefined
  if (input.row_ids?.length) {
    const rows = await service.listReconciliationRows({ id: input.row_ids }, { select: ["id", "reconciliation_id", "listing_id", "channel_location_id", "variant_id"] })
    const missing = input.row_ids.filter((id) => !rows.some((r) => r.id === id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `row_ids: ${missing.join(", ")} not found`)
    }
    const runs = await service.listReconciliations({ id: [...new Set(rows.map((r) => r.reconciliation_id))] }, { select: ["id", "channel_id"] })
    const channels = [...new Set(runs.map((r) => r.channel_id))]
    if (channels.length !== 1) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "row_ids: the rows must all belong to one channel")
    }
    channelId = channels[0]
    const matched = rows.filter((r) => r.variant_id)
    listingIds = [...new Set(matched.map((r) => r.listing_id))]
    keys = matched.map((r) => `${r.listing_id}|${r.channel_location_id ?? "all"}`)
  }
  if (!channelId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "channel_id: required unless row_ids are given")
  }
  const channel = await service.retrieveChannel(channelId, { relations: ["locations"] })
  const provider = service.getProvider(channel.provider_id)
  if (!provider.capabilities.force_reconcile) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `channel_id: provider "${channel.provider_id}" cannot take forced updates, so ${channel.name} cannot be force reconciled`
    )
  }
  const own = new Set(channel.locations.map((l) => l.id))
  const foreign = (input.location_ids ?? []).filter((id) => !own.has(id))
  if (foreign.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `location_ids: ${foreign.join(", ")} not a location of channel ${channel.name}`)
  }
  if (!listingIds) {
    const listings = await service.listListings({ channel_id: channel.id, variant_id: { $ne: null } }, { select: ["id"] })
    listingIds = listings.map((l) => l.id)
  }
  const scope: ForceScope = keys
    ? { channel_id: channel.id, listing_ids: listingIds, force: false, force_targets: { keys } }
    : input.location_ids?.length
      ? { channel_id: channel.id, listing_ids: listingIds, force: false, force_targets: { channel_location_ids: input.location_ids } }
      : { channel_id: channel.id, listing_ids: listingIds, force: true }
  return new StepResponse(scope)
})

/** Takes the channel's Force Reconcile slot (its cooldown); given back if a later step fails. */
export const takeForceSlotStep = createStep(
  "mkt-take-force-slot",
  async (channelId: string, { container }) => {
    const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const slot = await service.takeForceReconcileSlot(channelId)
    if (!slot) {
      const channel = await service.retrieveChannel(channelId, { select: ["name", "last_force_reconciled_at", "force_reconcile_cooldown_minutes"] })
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, cooldownMessage(channel))
    }
    return new StepResponse(slot, { channelId, previous: slot.previous })
  },
  async (taken, { container }) => {
    if (taken) {
      await container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).giveBackForceReconcileSlot(taken.channelId, taken.previous)
    }
  }
)

/** When a cooling-down channel may be force reconciled again. */
export function cooldownEndsAt(channel: { last_force_reconciled_at: Date | string | null; force_reconcile_cooldown_minutes: number }): Date | null {
  if (!channel.last_force_reconciled_at) {
    return null
  }
  const ends = new Date(new Date(channel.last_force_reconciled_at).getTime() + channel.force_reconcile_cooldown_minutes * 60_000)
  return ends.getTime() > Date.now() ? ends : null
}

export function cooldownMessage(channel: { name: string; last_force_reconciled_at: Date | string | null; force_reconcile_cooldown_minutes: number }): string {
  const ends = cooldownEndsAt(channel) ?? new Date()
  return `Force Reconcile of ${channel.name} is cooling down (${channel.force_reconcile_cooldown_minutes} minutes); allowed again at ${ends.toISOString()}`
}
