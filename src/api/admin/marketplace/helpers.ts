import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

export const marketplaceService = (scope: MedusaContainer) =>
  scope.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)

type StoredChannel = { provider_id: string; credentials_encrypted?: string | null } & Record<string, unknown>

/** A channel as the API shows it: credentials masked, never the ciphertext. */
export function serializeChannel(scope: MedusaContainer, channel: StoredChannel) {
  const { credentials_encrypted, settings, ...rest } = channel
  return {
    ...rest,
    ...marketplaceService(scope).describeSettings(channel.provider_id, (settings ?? null) as Record<string, unknown> | null),
    has_credentials: !!credentials_encrypted,
    credentials: marketplaceService(scope).maskCredentials(channel.provider_id, credentials_encrypted ?? null),
  }
}

export async function retrieveChannelView(scope: MedusaContainer, id: string) {
  const channel = await marketplaceService(scope).retrieveChannel(id, { relations: ["locations"] })
  return serializeChannel(scope, channel as unknown as StoredChannel)
}

/** Turns `-created_at` into `{ created_at: "DESC" }`, refusing fields outside the allow-list. */
export function parseOrder(order: string | undefined, allowed: string[], fallback = "-created_at"): Record<string, "ASC" | "DESC"> {
  const raw = order || fallback
  const field = raw.replace(/^-/, "")
  if (!allowed.includes(field)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `order: "${field}" is not sortable; use one of ${allowed.join(", ")}`)
  }
  return { [field]: raw.startsWith("-") ? "DESC" : "ASC" }
}

export { loadVariantSummaries, type VariantSummary } from "../../../lib/stock/variant-summaries"
