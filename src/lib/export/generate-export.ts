import type { IFileModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"
import { PassThrough } from "node:stream"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { exportSource } from "./export-sources"
import { writeWorkbook, XLSX_MIME } from "./workbook"

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
  let partial: { key: string; stream: NodeJS.WritableStream & { destroy(): void }; source: PassThrough; stored: Promise<unknown> } | null = null
  try {
    // The stored name carries a random part: the local file provider serves its folder under
    // /static, so a guessable name would be a way around the admin session.
    const storedName = job.filename.replace(/\.xlsx$/, `-${randomBytes(16).toString("hex")}.xlsx`)
    const upload = await files.getUploadStream({ filename: storedName, mimeType: XLSX_MIME, access: "private" })
    // Bytes are counted on the way through so the history can show the file's size.
    let size = 0
    const counter = new PassThrough()
    partial = { key: upload.fileKey, stream: upload.writeStream, source: counter, stored: upload.promise }
    counter.on("data", (chunk: Buffer) => (size += chunk.length))
    counter.pipe(upload.writeStream)

    const source = await exportSource(service, job as never)
    const rowCount = await writeWorkbook({ output: counter, ...source })
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
      // Bytes still buffered in the counter must not reach the destroyed file stream, and the
      // store's promise (rejected by that destroy) is settled here rather than left unhandled.
      partial.stored.catch(() => undefined)
      partial.source.unpipe(partial.stream)
      partial.source.destroy()
      partial.stream.destroy()
      await files.deleteFiles(partial.key).catch(() => undefined)
    }
    await service.updateExportJobs({ id, status: "failed", error_message: message, completed_at: new Date() })
    return { id, status: "failed" }
  }
}
