import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketplaceService } from "../helpers"

/** Providers registered in the plugin options, with capabilities, the credential form and the channel settings. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const marketplace = marketplaceService(req.scope)
  const [providers, count] = await marketplace.listAndCountMarketplaceProviders({ is_enabled: true }, { order: { id: "ASC" } })
  res.json({
    providers: providers.map((provider) => ({ ...provider, setting_fields: marketplace.providerSettingFields(provider.id) })),
    count,
    offset: 0,
    limit: count,
  })
}
