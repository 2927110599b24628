import { model } from "@medusajs/framework/utils"
import { Channel } from "./channel"

/** A warehouse as the channel knows it, mapped to one or more Medusa stock locations. */
export const ChannelLocation = model
  .define("mkt_channel_location", {
    id: model.id({ prefix: "mcloc" }).primaryKey(),
    /** The channel's own id for this location (Shopify location gid, Amazon fulfillment node …). */
    external_id: model.text(),
    code: model.text(),
    name: model.text().nullable(),
    /** Medusa stock locations whose stock is summed into this channel location. */
    stock_location_ids: model.array(),
    channel: model.belongsTo(() => Channel, { mappedBy: "locations" }),
  })
  .indexes([{ on: ["channel_id", "external_id"], unique: true, where: "deleted_at IS NULL" }])
