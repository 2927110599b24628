import { z } from "@medusajs/framework/zod"
import { RECONCILIATION_ROW_STATUSES } from "../../../../modules/marketplace/models"
import { ListQuerySchema, queryList } from "../common-validators"

export const CreateReconciliationSchema = z.strictObject({
  channel_id: z.string().min(1),
  /** Channel location ids; absent or empty: all of the channel's locations. */
  location_ids: z.array(z.string().min(1)).max(100).optional(),
})
export type CreateReconciliationBody = z.infer<typeof CreateReconciliationSchema>

export const ListReconciliationsQuerySchema = ListQuerySchema.extend({
  channel_id: z.string().optional(),
})
export type ListReconciliationsQuery = z.infer<typeof ListReconciliationsQuerySchema>

const rowStatuses = queryList(RECONCILIATION_ROW_STATUSES)

/** A run's rows: paginated, by status, location or SKU. */
export const RetrieveReconciliationQuerySchema = ListQuerySchema.extend({
  status: rowStatuses.optional(),
  channel_location_id: z.string().optional(),
  q: z.string().optional(),
})
export type RetrieveReconciliationQuery = z.infer<typeof RetrieveReconciliationQuerySchema>

/** Force Reconcile: a channel (some of its locations), or rows of a run. */
export const ForceReconcileSchema = z.union([
  z.strictObject({ channel_id: z.string().min(1), location_ids: z.array(z.string().min(1)).max(100).optional() }),
  z.strictObject({ row_ids: z.array(z.string().min(1)).min(1).max(10_000) }),
])
export type ForceReconcileBody = z.infer<typeof ForceReconcileSchema>
