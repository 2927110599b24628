import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketplaceService } from "../helpers"

/** Providers registered in the plugin options, with capabilities and the credential form. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const [providers, count] = await marketplaceService(req.scope).listAndCountMarketplaceProviders(
    { is_enabled: true },
    { order: { id: "ASC" } }
  )
  res.json({ providers, count, offset: 0, limit: count })
}
