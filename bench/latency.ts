import { checkout } from "../integration-tests/helpers/checkout"
import { log, percentile, startHarness } from "./harness"

/**
 * bench:latency: real checkouts through the Store API against the demo store; for each, the time
 * from the cart's completion (its response) to the sandbox marketplace holding the new quantity.
 * BENCH_CHECKOUTS sets how many (default 200).
 */
async function main() {
  const total = Number(process.env.BENCH_CHECKOUTS || 200)
  const h = await startHarness("latency")
  try {
    const [{ token }] = await h.sql(`SELECT token FROM api_key WHERE title = 'Webshop'`)
    const [{ id: regionId }] = await h.sql(`SELECT id FROM region LIMIT 1`)
    const variants = await h.sql<{ id: string; sku: string }>(`SELECT id, sku FROM product_variant WHERE sku IN ('TSHIRT-S', 'TSHIRT-M', 'TSHIRT-L') ORDER BY sku`)
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
    const [west] = await h.sql(`SELECT id FROM stock_location WHERE name = 'West warehouse'`)
    // Enough stock for every checkout in the east and none in the west, so that Medusa (which may
    // reserve at any location with enough stock) always reserves there and EAST is what moves.
    for (const variant of variants) {
      const [{ inventory_item_id }] = await h.sql(`SELECT inventory_item_id FROM product_variant_inventory_item WHERE variant_id = $1`, [variant.id])
      await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${east.id}`, { stocked_quantity: 1_000 })
      await h.admin("POST", `/admin/inventory-items/${inventory_item_id}/location-levels/${west.id}`, { stocked_quantity: 0 })
    }
    const expected = new Map(variants.map((v) => [v.sku, 1_000]))
    const channelQuantity = (sku: string) => h.store.accounts.get("demo-eu-api-key-0001")!.listings.get(`EU-${sku}`)!.stock.get("EAST")?.quantity
    await waitUntil(() => variants.every((v) => channelQuantity(v.sku) === 1_000), 30_000, "initial quantities")

    const seen = new Map<string, number>()
    h.store.onQuantity(({ sku, location, quantity, at }) => {
      if (location === "EAST" && !seen.has(`${sku}=${quantity}`)) {
        seen.set(`${sku}=${quantity}`, at)
      }
    })
    const latencies: number[] = []
    const checkoutMs: number[] = []
    log(`${total} checkouts`)
    for (let i = 0; i < total; i++) {
      const variant = variants[i % variants.length]
      const want = expected.get(variant.sku)! - 1
      expected.set(variant.sku, want)
      const started = Date.now()
      const { completed_at } = await checkout({ baseUrl: h.baseUrl, publishableKey: token, regionId, items: [{ variant_id: variant.id, quantity: 1 }] })
      checkoutMs.push(completed_at - started)
      const key = `EU-${variant.sku}=${want}`
      await waitUntil(() => seen.has(key), 30_000, key)
      latencies.push(Math.max(0, seen.get(key)! - completed_at))
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    const correct = variants.every((v) => channelQuantity(v.sku) === expected.get(v.sku))
    console.log(
      JSON.stringify(
        {
          bench: "latency",
          checkouts: total,
          cart_completion_to_channel_ms: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted[sorted.length - 1],
            mean: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
          },
          checkout_ms_p50: percentile([...checkoutMs].sort((a, b) => a - b), 50),
          final_quantities_correct: correct,
          targets: { p50: 500, p95: 1500, p99: 3000 },
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
