import { z } from "@medusajs/framework/zod"
import { EXPORT_KINDS, EXPORT_STATUSES, SYNC_STATUSES } from "../../../../modules/marketplace/models"
import { ListQuerySchema } from "../common-validators"
import { SyncLogFilterSchema } from "../sync-logs/validators"

/** The Sync Log page's whole selection: view, statuses and filters. */
const SyncLogSelectionSchema = SyncLogFilterSchema.extend({
  view: z.enum(["normal", "archive"]).default("normal"),
  status: z.array(z.enum(SYNC_STATUSES)).optional(),
})

export const CreateExportSchema = z.strictObject({
  kind: z.enum(EXPORT_KINDS).default("sync_log"),
  filter: SyncLogSelectionSchema.default({ view: "normal" }),
})
export type CreateExportBody = z.infer<typeof CreateExportSchema>

export const ListExportsQuerySchema = ListQuerySchema.extend({
  kind: z.enum(EXPORT_KINDS).optional(),
  status: z.enum(EXPORT_STATUSES).optional(),
})
export type ListExportsQuery = z.infer<typeof ListExportsQuerySchema>
