import { model } from "@medusajs/framework/utils"
import { Listing } from "./listing"

/**
 * What one listing should show at one place on its channel: one row per channel location for
 * per-location channels, a single row (no location) otherwise. It is the sync outbox: `due_at`
 * marks a quantity the channel has not been told yet, and a flusher claims due rows with a lease
 * (`claim_token`, `claim_expires_at`) so that at most one push per row is ever in flight.
 */
export const ListingTarget = model
  .define("mkt_listing_target", {
    id: model.id({ prefix: "mtgt" }).primaryKey(),
    /** Denormalised from the listing so that claiming can group per channel without a join. */
    channel_id: model.text(),
    /** The channel location this row is for; null when the channel takes one number per SKU. */
    channel_location_id: model.text().nullable(),
    /** `channel_location_id`, or "all" for the single row of a channel without locations. */
    target_key: model.text(),
    /** The channel location's code (for people) and external id (what the provider is sent). */
    location_code: model.text().nullable(),
    location_external_id: model.text().nullable(),
    /** SKU of the matched variant when last computed, for the sync log. */
    variant_sku: model.text().nullable(),
    /** What the formula says now, and the breakdown that produced it. */
    desired_quantity: model.number().nullable(),
    breakdown: model.json().nullable(),
    computed_at: model.dateTime().nullable(),
    /** What the channel was last told successfully. */
    last_pushed_quantity: model.number().nullable(),
    last_pushed_at: model.dateTime().nullable(),
    /** What the channel last reported for this row (its answer to a push, or a read-back). */
    last_channel_quantity: model.number().nullable(),
    last_channel_quantity_at: model.dateTime().nullable(),
    /** Outbox marker: set when the channel must be told `desired_quantity`; cleared when it was. */
    due_at: model.dateTime().nullable(),
    /**
     * Newest mark that made the row due. A settle keeps the row due when a mark came after its
     * claim: that push's number may predate the change behind the mark.
     */
    marked_at: model.dateTime().nullable(),
    /** The pending push must go out even if the channel was told this quantity (sync now, force push). */
    forced: model.boolean().default(false),
    /** Push order: 0 zero-outs (overselling risk), 1 decreases, 2 increases and first pushes. */
    priority: model.number().default(2),
    /** The latest change behind the due mark (event name and order / reservation / level id). */
    trigger_event: model.text().nullable(),
    trigger_id: model.text().nullable(),
    /** Retry state of the current push: tries started so far and when the next may start. */
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    /** The sync record of the push in progress (kept across retries of the same push). */
    record_id: model.text().nullable(),
    /** Lease of the flusher pushing this row; a settle with another token is ignored. */
    claim_token: model.text().nullable(),
    claim_expires_at: model.dateTime().nullable(),
    /** When the current claim was taken; the push recomputes its quantity after this. */
    claimed_at: model.dateTime().nullable(),
    /** When the channel's stock last moved for this row (the nightly re-push looks 48 h back). */
    stock_moved_at: model.dateTime().nullable(),
    listing: model.belongsTo(() => Listing, { mappedBy: "targets" }),
  })
  .indexes([
    { on: ["listing_id", "target_key"], unique: true, where: "deleted_at IS NULL" },
    // The claim walks this in its ORDER BY (priority, due_at) and stops at its LIMIT.
    { on: ["priority", "due_at"], where: "due_at IS NOT NULL AND deleted_at IS NULL" },
    { on: ["channel_id"], where: "deleted_at IS NULL" },
    // Per-channel lanes claim through this one: (channel, priority, due) in claim order.
    { on: ["channel_id", "priority", "due_at"], where: "due_at IS NOT NULL AND deleted_at IS NULL" },
    // Retry wake-ups and the lanes' "anything claimable?" checks.
    { on: ["next_attempt_at"], where: "due_at IS NOT NULL AND next_attempt_at IS NOT NULL AND deleted_at IS NULL" },
    { on: ["claim_expires_at"], where: "claim_token IS NOT NULL AND deleted_at IS NULL" },
    { on: ["stock_moved_at"], where: "deleted_at IS NULL" },
  ])
