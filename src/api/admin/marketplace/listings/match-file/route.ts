import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { badRowsCsv, readMatchFile, validateMatchRows } from "../../../../../lib/matching/match-file"
import { updateListingsWorkflow } from "../../../../../workflows/marketplace"
import { marketplaceService } from "../../helpers"
import type { MatchFileBody } from "../validators"

/**
 * Bulk match from an .xlsx or .csv file. Every row is validated first and reported (unknown SKU,
 * unknown variant, duplicate); nothing is applied unless `confirm` is true, and then only the
 * good rows, all in one transaction. `report_csv` lists the bad rows to download and fix.
 */
export async function POST(req: AuthenticatedMedusaRequest<MatchFileBody>, res: MedusaResponse) {
  const body = req.validatedBody
  const channel = await marketplaceService(req.scope).retrieveChannel(body.channel_id, { select: ["id"] })
  const parsed = await readMatchFile(body.filename, Buffer.from(body.content_base64, "base64"))
  const rows = await validateMatchRows(req.scope, channel.id, parsed)
  const good = rows.filter((r) => r.status === "ok")
  let applied = 0
  if (body.confirm && good.length) {
    await updateListingsWorkflow(req.scope).run({
      input: { listings: good.map((r) => ({ id: r.listing_id!, variant_id: r.variant_id! })) },
    })
    applied = good.length
  }
  res.json({
    rows,
    summary: { total: rows.length, ok: good.length, bad: rows.length - good.length, applied },
    report_csv: badRowsCsv(rows),
  })
}
