import { model } from "@medusajs/framework/utils"

/**
 * Where a channel order stands in this store:
 * - `received`: a webhook delivered it and was answered at once; the import is queued (an event,
 *   with the poll job as the backstop for a lost one) and nobody is working on it yet;
 * - `importing`: one delivery (webhook or poll) has claimed it and is creating the Medusa order;
 * - `staged`: some line's SKU matches no variant; the matched lines' stock is held meanwhile;
 * - `imported`: a Medusa order exists (`order_id`);
 * - `cancelled`: the channel cancelled it; its Medusa order is cancelled or its hold released;
 * - `failed`: the import was refused (the reason is in `error_message`); the next poll retries.
 */
export const CHANNEL_ORDER_STATUSES = ["received", "importing", "staged", "imported", "cancelled", "failed"] as const

/**
 * An order placed on a channel, as this store received it. The unique (channel, external id)
 * pair is what makes every delivery of one order end in at most one Medusa order.
 */
export const ChannelOrder = model
  .define("mkt_channel_order", {
    id: model.id({ prefix: "mcord" }).primaryKey(),
    channel_id: model.text(),
    /** The channel's own order id. */
    external_id: model.text().searchable(),
    status: model.enum([...CHANNEL_ORDER_STATUSES]).default("importing"),
    /** What the channel last said: `open`, `cancelled` or `shipped`. */
    channel_status: model.text().default("open"),
    /** The lines as the channel sent them, each with the listing and variant it resolved to. */
    lines: model.json(),
    currency_code: model.text().nullable(),
    email: model.text().nullable(),
    placed_at: model.dateTime(),
    /** The Medusa order, once imported. */
    order_id: model.text().nullable(),
    /** Reservations holding the matched lines' stock while staged: [{ id, line }]. */
    held_reservations: model.json().nullable(),
    /**
     * What a queued order will reserve, [{ inventory_item_id, location_id, quantity }], counted
     * as reserved by the quantity formula while the row is `received` or `importing`: every
     * channel is lowered the moment the webhook is answered, not when the import gets its turn.
     */
    pending: model.json().nullable(),
    error_message: model.text().nullable(),
    attempts: model.number().default(0),
    /** How it first arrived: `webhook` or `poll`. */
    source: model.text(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["channel_id", "external_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status"], where: "deleted_at IS NULL" },
    { on: ["order_id"], where: "deleted_at IS NULL AND order_id IS NOT NULL" },
  ])

/** A webhook event already taken in, by the channel's event id: a redelivery is acknowledged and skipped. */
export const WebhookEvent = model
  .define("mkt_webhook_event", {
    id: model.id({ prefix: "mwhe" }).primaryKey(),
    channel_id: model.text(),
    event_id: model.text(),
    type: model.text(),
  })
  .indexes([{ on: ["channel_id", "event_id"], unique: true }])
