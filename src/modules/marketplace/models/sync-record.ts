import { model } from "@medusajs/framework/utils"

/**
 * `deferred`: held back by the channel's daily revision cap, sent when it allows (the same row
 * goes on to success or error). `skipped`: the channel does not take this item's quantity (an
 * Amazon FBA listing); final, like success.
 */
export const SYNC_STATUSES = ["in_process", "submitted", "deferred", "success", "error", "skipped"] as const

/**
 * The sync log: one row per push attempt of one listing. Rows are not edited after they reach
 * `success` or `error`, except to archive them. Ids are plain columns, not relations, so the log
 * outlives deleted listings.
 */
export const SyncRecord = model
  .define("mkt_sync_record", {
    id: model.id({ prefix: "msync" }).primaryKey(),
    channel_id: model.text(),
    listing_id: model.text(),
    target_id: model.text().nullable(),
    channel_location_id: model.text().nullable(),
    location_code: model.text().nullable(),
    channel_sku: model.text().searchable(),
    channel_product_id: model.text().searchable().nullable(),
    variant_id: model.text().nullable(),
    variant_sku: model.text().searchable().nullable(),
    quantity: model.number(),
    /** The formula's full breakdown that produced `quantity`. */
    breakdown: model.json(),
    /** Event that caused the push (order.placed, inventory-level.updated, manual, nightly …). */
    trigger_event: model.text(),
    /** Id of the order, reservation or adjustment behind the trigger. */
    trigger_id: model.text().nullable(),
    status: model.enum([...SYNC_STATUSES]).default("in_process"),
    attempts: model.number().default(0),
    error_code: model.text().nullable(),
    error_message: model.text().nullable(),
    /** What the merchant should know about an accepted push (eBay ended the listing at 0, say). */
    note: model.text().nullable(),
    /** The channel's submission (feed) id for asynchronous channels. */
    submission_id: model.text().nullable(),
    submitted_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
    archived: model.boolean().default(false),
    archived_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["channel_id", "status"], where: "deleted_at IS NULL" },
    { on: ["listing_id"], where: "deleted_at IS NULL" },
    { on: ["archived", "created_at"], where: "deleted_at IS NULL" },
  ])
