import { model } from "@medusajs/framework/utils"
import { Channel } from "./channel"
import { ListingTarget } from "./listing-target"

export const LISTING_DISABLED_REASONS = [
  "manual",
  "sku_mismatch",
  "channel_inactive",
  "channel_banned",
  "promo_locked",
  /** The channel fulfils and counts this listing's stock itself (Amazon FBA): never pushed. */
  "channel_fulfilled",
] as const

/** One sellable thing on one channel, matched to a Medusa variant or not (unmatched). */
export const Listing = model
  .define("mkt_listing", {
    id: model.id({ prefix: "mlst" }).primaryKey(),
    channel_sku: model.text().searchable(),
    /** The channel's product id: ASIN, listing id, offer id, product gid … */
    channel_product_id: model.text().searchable().nullable(),
    gtin: model.text().nullable(),
    title: model.text().searchable().nullable(),
    /** Matched Medusa product variant; null while unmatched. */
    variant_id: model.text().nullable(),
    /** The channel sells a case of this many variant units. */
    pack_size: model.number().default(1),
    /** Per-listing rule overrides; win over the channel's rules. */
    rules: model.json().nullable(),
    /** "Disable Stock Update" for this listing. */
    sync_enabled: model.boolean().default(true),
    disabled_reason: model.enum([...LISTING_DISABLED_REASONS]).nullable(),
    disabled_note: model.text().nullable(),
    /** What the formula says the channel should show, as last computed (sum over its targets). */
    desired_quantity: model.number().nullable(),
    /** What the channel was last told (sum over its targets, once each was told). */
    last_pushed_quantity: model.number().nullable(),
    last_pushed_at: model.dateTime().nullable(),
    /** What the channel last reported (read-back, webhooks), for reconciliation. */
    last_channel_quantity: model.number().nullable(),
    last_channel_quantity_at: model.dateTime().nullable(),
    /** The channel's own word on the listing (catalogue import): active, inactive, banned, archived, promo_locked. */
    channel_status: model.text().nullable(),
    /**
     * The matcher's best guess while unmatched, waiting for a person:
     * { variant_id, sku, rule, confidence, reason }.
     */
    match_suggestion: model.json().nullable(),
    metadata: model.json().nullable(),
    channel: model.belongsTo(() => Channel, { mappedBy: "listings" }),
    /** Per-location sync state and outbox rows (see ListingTarget). */
    targets: model.hasMany(() => ListingTarget, { mappedBy: "listing" }),
  })
  .cascades({ delete: ["targets"] })
  .indexes([
    { on: ["channel_id", "channel_sku"], unique: true, where: "deleted_at IS NULL" },
    { on: ["variant_id"], where: "deleted_at IS NULL" },
  ])
