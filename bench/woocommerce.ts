import { checkout } from "../integration-tests/helpers/checkout"
import { startWooCommerceStandIn } from "../stand-ins/woocommerce"
import { addCatalogue, waitUntil } from "./catalogue"
import { log, percentile, startHarness } from "./harness"

/**
 * bench:woocommerce: the WooCommerce adapter inside `medusa start`, against the WooCommerce
 * stand-in answering every call after BENCH_WOO_LATENCY_MS (150). Prints: a sale in Medusa (Store
 * API checkout) → the stand-in holding the new quantity, p50/p95 over BENCH_SALES (30) sequential
 * sales; bursts of 5, 50 and 500 stock changes (one stock count through Medusa's batch
 * location-level route): time from the count to the last update and the calls made; a
 * 5 → 6 → 5 oscillation's end value and writes; a window of 429s and 500s: recovery and whether
 * any update was lost.
 */
const KEYS = { consumer_key: "ck_bench_0001", consumer_secret: "cs_bench_0001" }

async function main() {
  const sales = Number(process.env.BENCH_SALES || 30)
  const latency = Number(process.env.BENCH_WOO_LATENCY_MS ?? 150)
  const woo = await startWooCommerceStandIn()
  woo.store.addKey(KEYS.consumer_key, KEYS.consumer_secret)
  const h = await startHarness("woocommerce", { MARKETPLACE_WOOCOMMERCE_API_BASE_URL: woo.url })
  try {
    // Only WooCommerce is measured: the demo's sandbox channels stop pushing.
    await h.sql(`UPDATE mkt_channel SET sync_enabled = false WHERE provider_id = 'sandbox'`)
    const [{ id: salesChannelId }] = await h.sql(`SELECT id FROM sales_channel WHERE name = 'Webshop'`)
    const { channel } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "WooCommerce bench", code: "woo-bench", provider_id: "woocommerce", sales_channel_id: salesChannelId,
      credentials: { store_url: "https://bench.shop.test", ...KEYS },
    })
    const writes: { sku: string; quantity: number | null; at: number }[] = []
    woo.store.onStock = (change) => writes.push(change)
    const stockOf = (sku: string) => [...woo.store.products.values()].find((p) => p.sku === sku)?.stock_quantity
    const quiet = async () =>
      (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE channel_id = $1 AND (due_at IS NOT NULL OR claim_token IS NOT NULL)`, [channel.id]))[0].n === 0

    // ── Sales: one unit at a time through the Store API.
    const [{ token }] = await h.sql(`SELECT token FROM api_key WHERE title = 'Webshop'`)
    const [{ id: regionId }] = await h.sql(`SELECT id FROM region LIMIT 1`)
    const variants = await h.sql<{ id: string; sku: string }>(`SELECT id, sku FROM product_variant WHERE sku IN ('TSHIRT-S', 'TSHIRT-M', 'TSHIRT-L') ORDER BY sku`)
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
    const [west] = await h.sql(`SELECT id FROM stock_location WHERE name = 'West warehouse'`)
    for (const variant of variants) {
      const [{ inventory_item_id }] = await h.sql(`SELECT inventory_item_id FROM product_variant_inventory_item WHERE variant_id = $1`, [variant.id])
      await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${east.id}`, { stocked_quantity: 1_000 })
      await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${west.id}`, { stocked_quantity: 0 })
      woo.store.addProduct({ sku: `WOO-${variant.sku}`, name: variant.sku, manage_stock: true, stock_quantity: 0 })
    }
    await h.admin("POST", "/admin/marketplace/listings/batch", {
      listings: variants.map((v) => ({ channel_id: channel.id, channel_sku: `WOO-${v.sku}`, variant_id: v.id })),
    })
    await waitUntil(() => variants.every((v) => stockOf(`WOO-${v.sku}`) === 1_000), 60_000, "initial quantities")
    await waitUntil(quiet, 60_000, "a quiet outbox")
    woo.latency_ms = latency
    const expected = new Map(variants.map((v) => [v.sku, 1_000]))
    const latencies: number[] = []
    log(`${sales} sales, the shop answering after ${latency} ms`)
    for (let i = 0; i < sales; i++) {
      const variant = variants[i % variants.length]
      const want = expected.get(variant.sku)! - 1
      expected.set(variant.sku, want)
      const { completed_at } = await checkout({ baseUrl: h.baseUrl, publishableKey: token, regionId, items: [{ variant_id: variant.id, quantity: 1 }] })
      const seen = () => writes.find((w) => w.sku === `WOO-${variant.sku}` && w.quantity === want && w.at >= completed_at - 5_000)
      await waitUntil(() => Boolean(seen()), 30_000, `WOO-${variant.sku}=${want}`)
      latencies.push(Math.max(0, seen()!.at - completed_at))
    }
    const sorted = [...latencies].sort((a, b) => a - b)

    // ── Bursts over a catalogue of 500.
    woo.latency_ms = 0
    log("adding 500 products and their WooCommerce listings")
    const skus = await addCatalogue(h, 500)
    skus.forEach((s) => woo.store.addProduct({ sku: `WOO-${s.sku}`, name: s.sku, manage_stock: true, stock_quantity: 0 }))
    for (let i = 0; i < skus.length; i += 100) {
      await h.admin("POST", "/admin/marketplace/listings/batch", {
        listings: skus.slice(i, i + 100).map((s) => ({ channel_id: channel.id, channel_sku: `WOO-${s.sku}`, variant_id: s.variant_id })),
      })
    }
    await waitUntil(() => skus.every((s) => stockOf(`WOO-${s.sku}`) === 20), 120_000, "initial catalogue pushes")
    await waitUntil(quiet, 60_000, "a quiet outbox")
    woo.latency_ms = latency
    const bursts: Record<string, unknown>[] = []
    let level = 30
    for (const size of [5, 50, 500]) {
      level += 1
      const chosen = skus.slice(0, size)
      const callsBefore = woo.requests.length
      const started = Date.now()
      // One stock count of `size` levels, as a warehouse system posts it (Medusa's batch route).
      await h.admin("POST", "/admin/inventory-items/location-levels/batch", {
        update: chosen.map((s) => ({ inventory_item_id: s.inventory_item_id, location_id: east.id, stocked_quantity: level })),
      })
      const sentMs = Date.now() - started
      const target = level
      await waitUntil(() => chosen.every((s) => stockOf(`WOO-${s.sku}`) === target), 120_000, `burst of ${size}`)
      const doneMs = Date.now() - started
      await waitUntil(quiet, 60_000, "a quiet outbox")
      const calls = woo.requests.slice(callsBefore)
      bursts.push({
        changes: size,
        stock_count_answered_ms: sentMs,
        first_change_to_last_update_ms: doneMs,
        batch_calls: calls.filter((r) => r.path.endsWith("/batch")).length,
        sku_lookups: calls.filter((r) => r.path.endsWith("/products") && r.query.sku).length,
        items_written: calls.filter((r) => r.path.endsWith("/batch")).reduce((n, r) => n + ((r.body as { update?: unknown[] })?.update?.length ?? 0), 0),
      })
    }

    // ── 5 → 6 → 5 on one SKU, back to back.
    const one = skus[0]
    const setLevel = (s: (typeof skus)[number], n: number) => h.admin("POST", `/admin/inventory-items/${s.inventory_item_id}/location-levels/${east.id}`, { stocked_quantity: n })
    await setLevel(one, 5)
    await waitUntil(() => stockOf(`WOO-${one.sku}`) === 5, 30_000, "5")
    await waitUntil(quiet, 60_000, "a quiet outbox")
    const oscillationWrites = writes.length
    await setLevel(one, 6)
    await setLevel(one, 5)
    // Whether the 6 is pushed depends on when the flusher reads the level; the end must be 5.
    await waitUntil(quiet, 60_000, "a quiet outbox")
    const oscillation = { final: stockOf(`WOO-${one.sku}`), writes: writes.slice(oscillationWrites).filter((w) => w.sku === `WOO-${one.sku}`).map((w) => w.quantity) }

    // ── A window of throttling and server errors while 100 changes arrive.
    const faulty = skus.slice(0, 100)
    const faultQueue = [{ status: 429, retry_after: 1 }, { status: 500 }, { status: 500 }, { status: 429, retry_after: 2 }, { status: 503 }, { status: 500 }]
    woo.setFaults({ queue: faultQueue })
    const callsBefore = woo.requests.length
    const started = Date.now()
    level += 1
    const finalLevel = level
    await h.admin("POST", "/admin/inventory-items/location-levels/batch", {
      update: faulty.map((s) => ({ inventory_item_id: s.inventory_item_id, location_id: east.id, stocked_quantity: finalLevel })),
    })
    await waitUntil(() => faulty.every((s) => stockOf(`WOO-${s.sku}`) === finalLevel), 180_000, "recovery after the fault window")
    const recoveredMs = Date.now() - started
    await waitUntil(quiet, 120_000, "a quiet outbox")
    const faultCalls = woo.requests.slice(callsBefore)
    const lost = faulty.filter((s) => stockOf(`WOO-${s.sku}`) !== finalLevel).length
    const [{ n: errorRows }] = await h.sql(`SELECT count(*)::int AS n FROM mkt_sync_record WHERE channel_id = $1 AND status = 'error'`, [channel.id])

    console.log(
      JSON.stringify(
        {
          bench: "woocommerce",
          shop_latency_ms: latency,
          sale_to_woocommerce_ms: { sales, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] },
          bursts,
          oscillation_5_6_5: oscillation,
          fault_window: {
            faults_injected: faultQueue.length,
            calls: faultCalls.length,
            faulted_calls: faultCalls.filter((r) => r.fault).length,
            changes: faulty.length,
            recovered_ms: recoveredMs,
            lost_updates: lost,
            error_rows_left: errorRows,
          },
          final_sale_quantities_correct: variants.every((v) => stockOf(`WOO-${v.sku}`) === expected.get(v.sku)),
          goals: { sale_p50_ms: 300, burst_500_ms: 3_000 },
          peer: { openlinker_stock_change_p50_ms: 12_600, openlinker_burst_of_5_ms: 33_000 },
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
    await woo.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
