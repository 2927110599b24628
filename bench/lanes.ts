import { checkout } from "../integration-tests/helpers/checkout"
import { Harness, log, percentile, startHarness } from "./harness"

const SLOW_KEY = "bench-slow-api-key-0001"
const FAST_KEY = "bench-second-api-key-0002"
const BACKLOG_LISTINGS = 300

/**
 * bench:lanes: Store API checkouts of one variant; the time from each cart's completion to the
 * fast channel (Sandbox EU, EAST) showing the new quantity, first alone, then while a second
 * channel that takes 1 call a second is saturated: 300 of its listings follow the same variant,
 * so every sale adds 300 rows to its backlog; last, the same 300 listings on a second channel
 * without a limit (the cost of marking and pushing them, with nothing slow). BENCH_CHECKOUTS per
 * phase (default 40).
 */
async function main() {
  const perPhase = Number(process.env.BENCH_CHECKOUTS || 40)
  const h = await startHarness("lanes", { SANDBOX_SLOW_RPS: "1" })
  try {
    const [{ token }] = await h.sql(`SELECT token FROM api_key WHERE title = 'Webshop'`)
    const [{ id: regionId }] = await h.sql(`SELECT id FROM region LIMIT 1`)
    const [variant] = await h.sql<{ id: string; sku: string }>(`SELECT id, sku FROM product_variant WHERE sku = 'TSHIRT-S'`)
    const [{ inventory_item_id }] = await h.sql(`SELECT inventory_item_id FROM product_variant_inventory_item WHERE variant_id = $1`, [variant.id])
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
    const [west] = await h.sql(`SELECT id FROM stock_location WHERE name = 'West warehouse'`)
    await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${east.id}`, { stocked_quantity: 5_000 })
    await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${west.id}`, { stocked_quantity: 0 })
    const fast = () => h.store.accounts.get("demo-eu-api-key-0001")!.listings.get("EU-TSHIRT-S")!.stock.get("EAST")?.quantity
    await until(() => fast() === 5_000, 30_000, "the first quantity")
    let expected = 5_000

    const phase = async (name: string) => {
      const latencies: number[] = []
      for (let i = 0; i < perPhase; i++) {
        const { completed_at } = await checkout({ baseUrl: h.baseUrl, publishableKey: token, regionId, items: [{ variant_id: variant.id, quantity: 1 }] })
        expected -= 1
        const want = expected
        const seenAt = await seen(h, want)
        latencies.push(Math.max(0, seenAt - completed_at))
      }
      const sorted = latencies.sort((a, b) => a - b)
      log(`${name}: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms`)
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] }
    }

    const alone = await phase("fast channel alone")

    h.store.addAccount({ api_key: SLOW_KEY, name: "Slow seller" })
    const { channel } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "Slow", code: "slow", provider_id: "sandbox-slow", credentials: { api_key: SLOW_KEY },
    })
    const account = h.store.accounts.get(SLOW_KEY)!
    const skus = Array.from({ length: BACKLOG_LISTINGS }, (_, i) => `SLOW-${i}`)
    skus.forEach((sku) => h.store.upsertListing(account, { sku }))
    await h.admin("POST", "/admin/marketplace/listings/batch", { listings: skus.map((sku) => ({ channel_id: channel.id, channel_sku: sku, variant_id: variant.id })) })
    const backlog = async () => Number((await h.sql(`SELECT count(*) AS n FROM mkt_listing_target WHERE channel_id = $1 AND due_at IS NOT NULL`, [channel.id]))[0].n)
    log(`slow channel backlog: ${await backlog()} due rows`)
    const saturated = await phase("fast channel beside a saturated slow one")
    const slowBacklogAtEnd = await backlog()

    // The same 300 listings on a channel without a limit: what marking and pushing them costs
    // each sale on these cores, apart from any waiting on a slow channel.
    await h.admin("POST", `/admin/marketplace/channels/${channel.id}`, { sync_enabled: false, disabled_reason: "bench" })
    h.store.addAccount({ api_key: FAST_KEY, name: "Second fast seller" })
    const { channel: second } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "Second", code: "second", provider_id: "sandbox", credentials: { api_key: FAST_KEY },
    })
    const secondAccount = h.store.accounts.get(FAST_KEY)!
    skus.forEach((sku) => h.store.upsertListing(secondAccount, { sku }))
    await h.admin("POST", "/admin/marketplace/listings/batch", { listings: skus.map((sku) => ({ channel_id: second.id, channel_sku: sku, variant_id: variant.id })) })
    const besideFast = await phase("fast channel beside 300 listings on a second fast channel")
    console.log(
      JSON.stringify(
        {
          bench: "lanes",
          checkouts_per_phase: perPhase,
          fast_channel_sale_to_channel_ms: { alone, beside_saturated_slow_channel: saturated, beside_same_listings_on_a_fast_channel: besideFast },
          p50_change_percent: Math.round(((saturated.p50 - alone.p50) / Math.max(1, alone.p50)) * 100),
          p95_change_percent: Math.round(((saturated.p95 - alone.p95) / Math.max(1, alone.p95)) * 100),
          slow_channel: { requests_per_second: 1, listings: BACKLOG_LISTINGS, due_rows_at_end: slowBacklogAtEnd },
          goal: "within 10 %",
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
  }
}

/** When the fast channel first showed `quantity` at EAST. */
async function seen(h: Harness, quantity: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fast channel never showed ${quantity}`)), 30_000)
    const stop = h.store.onQuantity(({ sku, location, quantity: q, at }) => {
      if (sku === "EU-TSHIRT-S" && location === "EAST" && q === quantity) {
        clearTimeout(timer)
        stop?.()
        resolve(at)
      }
    })
    const cell = h.store.accounts.get("demo-eu-api-key-0001")!.listings.get("EU-TSHIRT-S")!.stock.get("EAST")
    if (cell?.quantity === quantity) {
      clearTimeout(timer)
      stop?.()
      resolve(new Date(cell.updated_at).getTime())
    }
  })
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
