import { z } from "@medusajs/framework/zod"
import { SYNC_STATUSES } from "../../../../modules/marketplace/models/sync-record"
import { ListQuerySchema, queryList } from "../common-validators"

/** Custom messages replace Medusa's field path, so each names its field itself. */
const isoDate = (field: string) =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), `${field} must be an ISO date`)

const statuses = queryList(SYNC_STATUSES)

/** The Sync Log page's filters; the export and force push take the same ones. */
export const SyncLogFilterSchema = z.strictObject({
  channel_id: z.string().optional(),
  /** Channel SKU or variant SKU, case-insensitive substring. */
  q: z.string().optional(),
  created_from: isoDate("created_from").optional(),
  created_to: isoDate("created_to").optional(),
})

export const ListSyncLogsQuerySchema = ListQuerySchema.extend({
  view: z.enum(["normal", "archive"]).default("normal"),
  status: statuses.optional(),
  channel_id: z.string().optional(),
  q: z.string().optional(),
  created_from: isoDate("created_from").optional(),
  created_to: isoDate("created_to").optional(),
  listing_id: z.string().optional(),
})
export type ListSyncLogsQuery = z.infer<typeof ListSyncLogsQuerySchema>

export const ForcePushSchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(10_000) }),
  z.strictObject({ filter: SyncLogFilterSchema }),
])
export type ForcePushBody = z.infer<typeof ForcePushSchema>
