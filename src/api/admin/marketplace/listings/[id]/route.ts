import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteListingsWorkflow, updateListingsWorkflow } from "../../../../../workflows/marketplace"
import { marketplaceService } from "../../helpers"
import { serializeListings } from "../serialize"
import type { UpdateListingBody } from "../validators"

async function listingView(req: AuthenticatedMedusaRequest, id: string) {
  const listing = await marketplaceService(req.scope).retrieveListing(id)
  const [view] = await serializeListings(req.scope, [listing as never], true)
  return view
}

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ listing: await listingView(req, req.params.id) })
}

export async function POST(req: AuthenticatedMedusaRequest<UpdateListingBody>, res: MedusaResponse) {
  await updateListingsWorkflow(req.scope).run({ input: { listings: [{ ...req.validatedBody, id: req.params.id }] } })
  res.json({ listing: await listingView(req, req.params.id) })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await deleteListingsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "marketplace_listing", deleted: true })
}
