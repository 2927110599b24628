import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IFileModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { pipeline } from "node:stream/promises"
import { XLSX_MIME } from "../../../../../../lib/export/workbook"
import { marketplaceService } from "../../../helpers"

/**
 * The workbook, streamed from the File module. Behind the admin session like every /admin route;
 * the file is stored private, so this is the only way to it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const job = await marketplaceService(req.scope).retrieveExportJob(req.params.id)
  if (job.status !== "success" || !job.file_key) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Export ${job.id} is ${job.status}; only a finished export can be downloaded`
    )
  }
  const stream = await req.scope.resolve<IFileModuleService>(Modules.FILE).getDownloadStream(job.file_key)
  res.setHeader("Content-Type", XLSX_MIME)
  res.setHeader("Content-Disposition", `attachment; filename="${job.filename}"`)
  if (job.file_size) {
    res.setHeader("Content-Length", String(job.file_size))
  }
  await pipeline(stream, res)
}
