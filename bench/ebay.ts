import { startEbayStandIn } from "../stand-ins/ebay"
import { log, startHarness } from "./harness"

/**
 * bench:ebay: BENCH_EBAY_SKUS (5,000) eBay listings due at once through the real pipeline: the
 * eBay adapter inside `medusa start`, pointed at the eBay stand-in (MARKETPLACE_EBAY_API_BASE_URL),
 * on a channel made through the admin API. The listings are matched to the demo's five apparel
 * variants (a thousand listings a variant, as multi-pack offers are), so one stock count of five
 * levels marks all of them due. Each SKU has a published offer on the stand-in. Prints, for the
 * first push of every listing and for that mark: bulk_update_price_quantity calls against the
 * ceiling of one per 25 SKUs, the wall time to the last answered call and to a quiet outbox, and
 * the SKUs lost (the stand-in not holding what the pipeline computed, or an Error row).
 */
const APP = { client_id: "Bench-ebay-PRD-0001", client_secret: "PRD-bench-secret", refresh_token: "v^1.1#i^1#r^1#bench-refresh" }
const VARIANT_SKUS = ["TSHIRT-S", "TSHIRT-M", "TSHIRT-L", "SWEAT-M", "SWEAT-L"]
const TIMEOUT_MS = 15 * 60_000

async function main() {
  const total = Number(process.env.BENCH_EBAY_SKUS || 5_000)
  const eb = await startEbayStandIn()
  eb.store.addClient(APP.client_id, APP.client_secret, APP.refresh_token)
  const skus = Array.from({ length: total }, (_, i) => `EBAY-${String(i).padStart(5, "0")}`)
  for (const sku of skus) {
    eb.store.addItem({ sku, quantity: 0 })
    eb.store.addOffer(sku)
  }
  const h = await startHarness("ebay", { MARKETPLACE_EBAY_API_BASE_URL: eb.url })
  try {
    // Only eBay is measured: the demo's sandbox channels stop pushing.
    await h.sql(`UPDATE mkt_channel SET sync_enabled = false WHERE provider_id = 'sandbox'`)
    const [{ id: salesChannelId }] = await h.sql(`SELECT id FROM sales_channel WHERE name = 'Webshop'`)
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
    const [west] = await h.sql(`SELECT id FROM stock_location WHERE name = 'West warehouse'`)
    const variants = await h.sql<{ id: string; sku: string; inventory_item_id: string }>(
      `SELECT v.id, v.sku, l.inventory_item_id FROM product_variant v
       JOIN product_variant_inventory_item l ON l.variant_id = v.id AND l.deleted_at IS NULL
       WHERE v.sku = ANY($1) ORDER BY v.sku`,
      [VARIANT_SKUS]
    )
    const setLevels = (level: (i: number) => number) =>
      h.admin("POST", "/admin/inventory-items/location-levels/batch", {
        update: variants.flatMap((v, i) => [
          { inventory_item_id: v.inventory_item_id, location_id: east.id, stocked_quantity: level(i) },
          { inventory_item_id: v.inventory_item_id, location_id: west.id, stocked_quantity: 0 },
        ]),
      })
    await setLevels((i) => 100 + i)

    const { channel } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "eBay bench", code: "ebay-bench", provider_id: "ebay", sales_channel_id: salesChannelId,
      credentials: { ...APP, marketplace_id: "EBAY_US" },
    })
    const busy = async () =>
      (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE channel_id = $1 AND (due_at IS NOT NULL OR claim_token IS NOT NULL)`, [channel.id]))[0].n
    const desired = async () =>
      new Map(
        (
          await h.sql<{ sku: string; q: number | null }>(
            `SELECT l.channel_sku AS sku, t.desired_quantity AS q FROM mkt_listing l JOIN mkt_listing_target t ON t.listing_id = l.id
             WHERE l.channel_id = $1 AND l.deleted_at IS NULL`,
            [channel.id]
          )
        ).map((r) => [r.sku, r.q])
      )
    /**
     * Polls (every 50 ms) until `ready` holds, then until the channel's outbox is quiet; returns
     * the most rows seen due or claimed at once and when the outbox was seen quiet (ms since `started`).
     */
    const settle = async (started: number, what: string, ready: () => Promise<boolean>) => {
      let peak = 0
      for (let seen = false; ; ) {
        const n = await busy()
        peak = Math.max(peak, n)
        seen = seen || n > 0 || (await ready())
        if (seen && n === 0) {
          return { peak_due_or_claimed: peak, settled_ms: Date.now() - started }
        }
        if (Date.now() - started > TIMEOUT_MS) {
          throw new Error(`timed out waiting for ${what}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    /** `before`: the desired quantities the phase must have changed (a SKU left unchanged counts as lost). */
    const measure = async (phase: string, started: number, from: number, done: { peak_due_or_claimed: number; settled_ms: number }, before?: Map<string, number | null>) => {
      const calls = eb.requests.slice(from)
      const bulk = calls.filter((r) => r.path.endsWith("/bulk_update_price_quantity"))
      const want = await desired()
      const lost = skus.filter(
        (sku) => want.get(sku) === undefined || want.get(sku) === null || eb.store.items.get(sku)?.quantity !== want.get(sku) || (before && before.get(sku) === want.get(sku))
      )
      const [{ n: errorRows }] = await h.sql(`SELECT count(*)::int AS n FROM mkt_sync_record WHERE channel_id = $1 AND status = 'error'`, [channel.id])
      return {
        phase,
        skus: total,
        bulk_update_calls: bulk.length,
        bulk_update_ceiling: Math.ceil(total / 25),
        largest_call: Math.max(0, ...bulk.map((r) => ((r.body as { requests?: unknown[] })?.requests ?? []).length)),
        bulk_statuses: [...new Set(bulk.map((r) => r.status))],
        get_offers_calls: calls.filter((r) => r.path.endsWith("/offer")).length,
        token_exchanges: calls.filter((r) => r.path.endsWith("/oauth2/token")).length,
        other_calls: calls.filter((r) => !/\/(bulk_update_price_quantity|offer|oauth2\/token)$/.test(r.path)).length,
        peak_due_or_claimed: done.peak_due_or_claimed,
        to_last_call_ms: bulk.length ? Math.max(...bulk.map((r) => r.at)) - started : null,
        to_quiet_outbox_ms: done.settled_ms,
        skus_lost: lost.length,
        lost_examples: lost.slice(0, 5).map((sku) => ({ sku, want: want.get(sku) ?? null, ebay: eb.store.items.get(sku)?.quantity ?? null })),
        error_rows: errorRows,
      }
    }

    // ── First push: every listing created, 500 a call (1,000 exceed the admin body limit).
    log(`creating ${total} eBay listings`)
    const createFrom = eb.requests.length
    const createStarted = Date.now()
    for (let i = 0; i < total; i += 500) {
      await h.admin("POST", "/admin/marketplace/listings/batch", {
        listings: skus.slice(i, i + 500).map((sku, j) => ({ channel_id: channel.id, channel_sku: sku, variant_id: variants[(i + j) % variants.length].id })),
      })
    }
    const createdMs = Date.now() - createStarted
    const firstDone = await settle(createStarted, "the first pushes", async () => true)
    const first = { ...(await measure("first push (listings created over several calls)", createStarted, createFrom, firstDone)), listings_created_in_ms: createdMs }
    log(`first push: ${JSON.stringify(first)}`)

    // ── The mark: one stock count of the five variants makes every listing due at once.
    const markFrom = eb.requests.length
    const before = await desired()
    log(`one stock count: ${total} listings due at once`)
    const markStarted = Date.now()
    await setLevels((i) => 40 + i)
    const answeredMs = Date.now() - markStarted
    // The mark runs after the stock route answered (a subscriber): wait until it shows.
    const marked = async () => [...(await desired())].every(([sku, q]) => q !== before.get(sku))
    const markDone = await settle(markStarted, "the mark's pushes", marked)
    const mark = { ...(await measure("mark (one stock count, every listing due at once)", markStarted, markFrom, markDone, before)), stock_count_answered_ms: answeredMs }

    const revisions = skus.map((sku) => eb.store.revisionsToday(sku))
    console.log(
      JSON.stringify(
        {
          bench: "ebay",
          declared_rate_limit: "5 requests/s (the adapter's capabilities.rate_limit)",
          runs: [first, mark],
          revisions_per_sku_today: { min: Math.min(...revisions), max: Math.max(...revisions) },
          listings_ended_on_stand_in: [...eb.store.offers.values()].filter((o) => o.listingStatus === "ENDED").length,
          unexpected_calls: eb.unexpected.length,
          goals: { bulk_update_calls: `≤ ${Math.ceil(total / 25)}`, skus_lost: 0 },
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
    await eb.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
