import { model } from "@medusajs/framework/utils"

export const RECONCILIATION_STATUSES = ["pending", "running", "success", "failed"] as const

/**
 * What a reconciliation row found: `match` and `mismatch` compare our sellable quantity with the
 * channel's; `missing` is a listing the channel does not report; `not_matched` a listing with no
 * variant; `disabled` a listing or channel with stock updates off (still compared, never pushed);
 * `error` a row that could not be computed.
 */
export const RECONCILIATION_ROW_STATUSES = ["match", "mismatch", "missing", "not_matched", "disabled", "error"] as const

/** One reconciliation run of a channel (all its locations, or some), generated in the background. */
export const Reconciliation = model
  .define("mkt_reconciliation", {
    id: model.id({ prefix: "mrec" }).primaryKey(),
    channel_id: model.text(),
    /** Channel location ids the run covers; null means every location of the channel. */
    channel_location_ids: model.json().nullable(),
    status: model.enum([...RECONCILIATION_STATUSES]).default("pending"),
    /** `manual` (the admin's Generate) or `scheduled`. */
    trigger: model.text().default("manual"),
    /** Listings to compare, known once the run starts; `processed` counts up to it. */
    total: model.number().nullable(),
    processed: model.number().default(0),
    /** Rows per status once the run is done. */
    counts: model.json().nullable(),
    error_message: model.text().nullable(),
    created_by: model.text().nullable(),
    started_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["channel_id", "created_at"], where: "deleted_at IS NULL" }])

/** One listing at one channel location as a run saw it: ours against the channel's. */
export const ReconciliationRow = model
  .define("mkt_reconciliation_row", {
    id: model.id({ prefix: "mrrow" }).primaryKey(),
    reconciliation_id: model.text(),
    listing_id: model.text(),
    /** null for channels that take one number per SKU. */
    channel_location_id: model.text().nullable(),
    location_code: model.text().nullable(),
    location_external_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    variant_sku: model.text().nullable(),
    product_title: model.text().nullable(),
    channel_sku: model.text(),
    channel_product_id: model.text().nullable(),
    gtin: model.text().nullable(),
    /** Ours: stocked and reserved (in variant units) and what we would push. */
    stocked: model.number().nullable(),
    reserved: model.number().nullable(),
    sellable: model.number().nullable(),
    channel_quantity: model.number().nullable(),
    /** sellable − channel_quantity. */
    delta: model.number().nullable(),
    /** What we last told the channel ("before"); the channel's quantity is the "after". */
    last_pushed_quantity: model.number().nullable(),
    /**
     * The channel changed since our last write (an edit on the marketplace, not ours): its
     * quantity differs from what we last pushed, with no push of ours in flight or echoing back.
     */
    drift: model.boolean().default(false),
    status: model.enum([...RECONCILIATION_ROW_STATUSES]),
    error_message: model.text().nullable(),
  })
  .indexes([{ on: ["reconciliation_id", "status"], where: "deleted_at IS NULL" }])
