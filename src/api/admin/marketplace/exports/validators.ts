import { z } from "@medusajs/framework/zod"
import { EXPORT_KINDS, EXPORT_STATUSES, RECONCILIATION_ROW_STATUSES, SYNC_STATUSES } from "../../../../modules/marketplace/models"
import { ListQuerySchema } from "../common-validators"
import { SyncLogFilterSchema } from "../sync-logs/validators"

/** The Sync Log page's whole selection: view, statuses and filters. */
const SyncLogSelectionSchema = SyncLogFilterSchema.extend({
  view: z.enum(["normal", "archive"]).default("normal"),
  status: z.array(z.enum(SYNC_STATUSES)).optional(),
})

/** A reconciliation run's rows, as its page filters them. */
const ReconciliationSelectionSchema = z.strictObject({
  reconciliation_id: z.string().min(1),
  status: z.array(z.enum(RECONCILIATION_ROW_STATUSES)).optional(),
  channel_location_id: z.string().optional(),
  q: z.string().optional(),
})

/** `kind` defaults to the Sync Log; each kind takes its own page's filter. */
export const CreateExportSchema = z.preprocess(
  (body) => (body && typeof body === "object" && !("kind" in body) ? { ...body, kind: "sync_log" } : body),
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("sync_log"), filter: SyncLogSelectionSchema.default({ view: "normal" }) }),
    z.strictObject({ kind: z.literal("reconciliation"), filter: ReconciliationSelectionSchema }),
  ], { error: `kind must be one of ${EXPORT_KINDS.join(", ")}` })
)
export type CreateExportBody = z.infer<typeof CreateExportSchema>

export const ListExportsQuerySchema = ListQuerySchema.extend({
  kind: z.enum(EXPORT_KINDS).optional(),
  status: z.enum(EXPORT_STATUSES).optional(),
})
export type ListExportsQuery = z.infer<typeof ListExportsQuerySchema>
