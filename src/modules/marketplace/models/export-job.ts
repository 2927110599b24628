import { model } from "@medusajs/framework/utils"

export const EXPORT_STATUSES = ["pending", "success", "failed"] as const
/** What an export contains: Sync Log rows or a reconciliation run's rows. */
export const EXPORT_KINDS = ["sync_log", "reconciliation"] as const

/**
 * One spreadsheet export and its history entry. The workbook is written in the background and
 * stored through Medusa's File module (private access); `file_key` is the File module's id.
 */
export const ExportJob = model
  .define("mkt_export", {
    id: model.id({ prefix: "mexp" }).primaryKey(),
    kind: model.enum([...EXPORT_KINDS]),
    status: model.enum([...EXPORT_STATUSES]).default("pending"),
    /** The filter the rows were selected with, as the list route takes it. */
    filter: model.json(),
    filename: model.text(),
    row_count: model.number().nullable(),
    file_key: model.text().nullable(),
    file_size: model.number().nullable(),
    /** Admin user id that asked for the export. */
    created_by: model.text().nullable(),
    error_message: model.text().nullable(),
    started_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["created_at"], where: "deleted_at IS NULL" }])
