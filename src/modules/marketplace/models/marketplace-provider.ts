import { model } from "@medusajs/framework/utils"

/** Mirror of the providers registered at boot, so the admin can list them and disable orphans. */
export const MarketplaceProvider = model.define("mkt_provider", {
  /** The id given in the module's `providers` option. */
  id: model.text().primaryKey(),
  identifier: model.text(),
  display_name: model.text(),
  capabilities: model.json(),
  credential_fields: model.json(),
  is_enabled: model.boolean().default(true),
})
