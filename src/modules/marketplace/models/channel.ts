import { model } from "@medusajs/framework/utils"
import { ChannelLocation } from "./channel-location"
import { Listing } from "./listing"

/** A marketplace account (one Amazon seller account, one Shopify store, …). */
export const Channel = model
  .define("mkt_channel", {
    id: model.id({ prefix: "mch" }).primaryKey(),
    name: model.text().searchable(),
    /** Short stable handle used in logs, exports and URLs. */
    code: model.text().searchable(),
    /** Id of a provider registered in the module's `providers` option. */
    provider_id: model.text(),
    /** AES-256-GCM ciphertext of the credentials JSON; never returned by the API. */
    credentials_encrypted: model.text().nullable(),
    /** The provider's channel settings (its `settingFields`), stored values only; defaults fill the rest. */
    settings: model.json().nullable(),
    /** Channel-level quantity rules (see src/lib/quantity/types.ts); missing keys use the defaults. */
    rules: model.json().nullable(),
    /** "Disable Stock Update" for the whole channel: quantities are computed and shown, never pushed. */
    sync_enabled: model.boolean().default(true),
    disabled_reason: model.text().nullable(),
    /** Medusa sales channel that imported orders land in, and whose stock locations count by default. */
    sales_channel_id: model.text().nullable(),
    /** Import the channel's orders into the linked sales channel (webhooks and the poll job). */
    order_import_enabled: model.boolean().default(false),
    /**
     * Characters the matcher ignores in SKUs besides case and spaces ("TSHIRT-M" ~ "tshirt m");
     * null uses the default "-_./".
     */
    sku_separators: model.text().nullable(),
    force_reconcile_cooldown_minutes: model.number().default(15),
    /** Start of the last Force Reconcile; the next is allowed after the cooldown. */
    last_force_reconciled_at: model.dateTime().nullable(),
    /** When admins were last told this channel keeps failing (one feed notification per bout). */
    failure_alerted_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    locations: model.hasMany(() => ChannelLocation, { mappedBy: "channel" }),
    listings: model.hasMany(() => Listing, { mappedBy: "channel" }),
  })
  .indexes([
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["provider_id"] },
  ])
  .cascades({ delete: ["locations", "listings"] })
