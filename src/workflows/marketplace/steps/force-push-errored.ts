import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MarketplaceModuleService } from "../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import { markStockChanged } from "./mark-stock-changed"

/** Errored rows handled per page: one read, one mark, one archive. */
const PAGE = 1_000

/**
 * Force Push, page by page (keyset on the record id): marks the page's listings due (forced),
 * and only once that has committed moves the page's errored rows (and their listings' older
 * Error rows) out of Error. A crash in
 * between leaves the errors visible with their new push on its way, never an error hidden
 * without a push. Neither write is undone on failure: a mark is never taken back, and the rows
 * archived so far did get their push.
 */
export const forcePushErroredStep = createStep(
  "mkt-force-push-errored",
  async (input: { selector: Record<string, unknown>; actor_id?: string | null }, { container }) => {
    const service = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
    const listingIds = new Set<string>()
    let after = ""
    for (;;) {
      const page = await service.listSyncRecords(
        { $and: [input.selector, { status: "error", archived: false }, { id: { $gt: after } }] },
        { select: ["id", "listing_id"], order: { id: "ASC" }, take: PAGE }
      )
      if (!page.length) {
        break
      }
      const fresh = [...new Set(page.map((r) => r.listing_id))].filter((id) => !listingIds.has(id))
      const archived_at = new Date()
      if (fresh.length) {
        const markedAt = new Date()
        await markStockChanged(container, { trigger: { event: "manual.force_push", id: input.actor_id ?? null }, listing_ids: fresh, force: true })
        fresh.forEach((id) => listingIds.add(id))
        // The whole listing is pushed again, so its other Error rows from before this mark (an
        // earlier attempt, a sweep that met the same refusal) are dealt with too.
        await service.updateSyncRecords({
          selector: { listing_id: fresh, status: "error", archived: false, created_at: { $lt: markedAt } },
          data: { archived: true, archived_at },
        })
      }
      await service.updateSyncRecords({ selector: { id: page.map((r) => r.id) }, data: { archived: true, archived_at } })
      after = page[page.length - 1].id
      if (page.length < PAGE) {
        break
      }
    }
    return new StepResponse({ listing_ids: [...listingIds] })
  }
)
