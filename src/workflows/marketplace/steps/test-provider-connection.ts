import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { type ConnectionResult, toChannelError } from "../../../lib/provider"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"

export type TestProviderConnectionInput = { provider_id: string; credentials: Record<string, unknown> }

/** Nothing is saved, so the provider call names no channel. */
const UNSAVED = "unsaved"

/**
 * Asks a provider whether credentials typed in the admin work, before any channel holds them.
 * Unknown providers are a 404 and bad credentials a 400 naming the field (both thrown by the
 * module and the provider); a refusal by the channel is an answer, never a throw.
 * Changes nothing on either side.
 */
export const testProviderConnectionStep = createStep(
  "mkt-test-provider-connection",
  async ({ provider_id, credentials }: TestProviderConnectionInput, { container }) => {
    const provider = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE).getProvider(provider_id)
    const clean = provider.validateCredentials(credentials)
    let result: ConnectionResult
    try {
      result = await provider.testConnection({ channel_id: UNSAVED, channel_code: UNSAVED, credentials: clean })
    } catch (error) {
      // Providers return refusals; what they throw (a network failure, a bug) is shown the same way.
      result = { ok: false, error: toChannelError(error).toShape() }
    }
    return new StepResponse(result)
  }
)
