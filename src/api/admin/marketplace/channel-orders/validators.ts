import { z } from "@medusajs/framework/zod"
import { ListQuerySchema, queryList } from "../common-validators"
import { CHANNEL_ORDER_STATUSES } from "../../../../modules/marketplace/models/channel-order"

export const ListChannelOrdersQuerySchema = ListQuerySchema.extend({
  /** The channel's order id (part of it). */
  q: z.string().optional(),
  channel_id: z.string().optional(),
  status: queryList(CHANNEL_ORDER_STATUSES).optional(),
  /** The Medusa order an imported channel order became (the order page's widget). */
  order_id: z.string().optional(),
})
export type ListChannelOrdersQuery = z.infer<typeof ListChannelOrdersQuerySchema>
