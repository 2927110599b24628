import { model } from "@medusajs/framework/utils"

/**
 * A durable position of a background scan, by name. The stock sweep keeps here how far it has
 * read inventory levels and reservations, so that a restart resumes where the last run stopped.
 */
export const SyncCursor = model.define("mkt_sync_cursor", {
  /** The scan's name (`stock-sweep`). */
  id: model.text().primaryKey(),
  /** Changes up to this moment have been handled. */
  position: model.dateTime(),
})
