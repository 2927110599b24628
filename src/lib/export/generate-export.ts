import type { IFileModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"
import { PassThrough } from "node:stream"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { type SyncLogSelection, syncLogSelector } from "../sync-log/filters"
import { type SyncLogExportRow, writeSyncLogWorkbook, XLSX_MIME } from "./sync-log-workbook"

/** Rows read per query; only one page is held in memory at a time. */
export const EXPORT_PAGE_SIZE = 1000

const EXPORT_COLUMNS = [
  "id",
  "created_at",
  "completed_at",
  "status",
  "channel_id",
  "variant_sku",
  "channel_sku",
  "channel_product_id",
  "location_code",
  "quantity",
  "breakdown",
  "trigger_event",
  "trigger_id",
  "attempts",
  "error_code",
  "error_message",
] as const

export type ExportOutcome = { id: string; status: "success" | "failed" | "skipped"; row_count?: number }

/**
 * Writes one pending export's workbook into the File module and settles its history row: success
 * with the row count and file, or failed with the reason. An export another process already
 * started is skipped, so a redelivered event never writes it twice.
 */
export async function generateExport(container: MedusaContainer, id: string): Promise<ExportOutcome> {
  const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  if (!(await service.claimExport(id))) {
    return { id, status: "skipped" }
  }
  const job = await service.retrieveExportJob(id)
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  let partial: { key: string; stream: NodeJS.WritableStream & { destroy(): void } } | null = null
  try {
    // The stored name carries a random part: the local file provider serves its folder under
    // /static, so a guessable name would be a way around the admin session.
    const storedName = job.filename.replace(/\.xlsx$/, `-${randomBytes(16).toString("hex")}.xlsx`)
    const upload = await files.getUploadStream({ filename: storedName, mimeType: XLSX_MIME, access: "private" })
    partial = { key: upload.fileKey, stream: upload.writeStream }
    // Bytes are counted on the way through so the history can show the file's size.
    let size = 0
    const counter = new PassThrough()
    counter.on("data", (chunk: Buffer) => (size += chunk.length))
    counter.pipe(upload.writeStream)

    const selection = job.filter as SyncLogSelection
    const selector = syncLogSelector(selection, new Date(job.created_at).getTime())
    const channels = await service.listChannels({}, { select: ["id", "name"], withDeleted: true })
    const channelNames = new Map(channels.map((c) => [c.id, c.name]))
    const rowCount = await writeSyncLogWorkbook({
      output: counter,
      pages: syncLogPages(service, selector),
      channelNames,
      description: describe(selection, job.created_at, channelNames),
    })
    const stored = await upload.promise
    await service.updateExportJobs({
      id,
      status: "success",
      row_count: rowCount,
      file_key: stored.key,
      file_size: size,
      completed_at: new Date(),
    })
    return { id, status: "success", row_count: rowCount }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    logger.error(`marketplace: export ${id} failed: ${message}`)
    // A half-written workbook is never offered; remove what reached the store.
    if (partial) {
      partial.stream.destroy()
      await files.deleteFiles(partial.key).catch(() => undefined)
    }
    await service.updateExportJobs({ id, status: "failed", error_message: message, completed_at: new Date() })
    return { id, status: "failed" }
  }
}

/** Newest first by id (ids grow with time), keyset-paged so no page costs more than the first. */
async function* syncLogPages(
  service: MarketplaceModuleService,
  selector: Record<string, unknown>
): AsyncGenerator<SyncLogExportRow[]> {
  let after: string | null = null
  for (;;) {
    const filters = after ? { $and: [selector, { id: { $lt: after } }] } : selector
    const rows = (await service.listSyncRecords(filters, {
      select: [...EXPORT_COLUMNS],
      order: { id: "DESC" },
      take: EXPORT_PAGE_SIZE,
    })) as unknown as SyncLogExportRow[]
    if (rows.length) {
      yield rows
    }
    if (rows.length < EXPORT_PAGE_SIZE) {
      return
    }
    after = rows[rows.length - 1].id
  }
}

function describe(selection: SyncLogSelection, createdAt: Date | string, channelNames: Map<string, string>): [string, string][] {
  return [
    ["Export", "Sync Log"],
    ["Requested at", new Date(createdAt).toISOString()],
    ["View", selection.view === "archive" ? "Archive" : "Normal"],
    ["Status", selection.status?.length ? selection.status.join(", ") : "All"],
    ["Channel", selection.channel_id ? channelNames.get(selection.channel_id) ?? selection.channel_id : "All"],
    ["SKU contains", selection.q ?? ""],
    ["From", selection.created_from ?? ""],
    ["To", selection.created_to ?? ""],
  ]
}
