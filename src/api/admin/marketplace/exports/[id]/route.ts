import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketplaceService } from "../../helpers"
import { serializeExports } from "../serialize"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const job = await marketplaceService(req.scope).retrieveExportJob(req.params.id)
  const [view] = await serializeExports(req.scope, [job])
  res.json({ export: view })
}
