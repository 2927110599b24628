import { addCatalogue, waitUntil } from "./catalogue"
import { log, percentile, startHarness } from "./harness"

const SOURCE_KEY = "bench-orders-source-key-0001"
const SECRET = "whsec-bench-orders-0123456789"

/**
 * bench:orders: BENCH_ORDERS (1,000) channel orders of one unit each, placed on a source channel
 * within 10 s and delivered to the app by signed webhook, spread evenly over BENCH_SKUS (100)
 * SKUs with 20 units each. Prints the webhook answers, the import throughput, and for every order
 * the time from its placement until the other channel (the demo's EU channel) shows that SKU's
 * quantity with it taken off: p50 / p95 / max (goal: p95 ≤ 2 s).
 */
async function main() {
  const orders = Number(process.env.BENCH_ORDERS || 1_000)
  const skuCount = Number(process.env.BENCH_SKUS || 100)
  const stock = 20
  const windowMs = 10_000
  if (orders > skuCount * stock) {
    throw new Error(`BENCH_ORDERS ${orders} needs more than the ${skuCount * stock} units in stock`)
  }
  const h = await startHarness("orders")
  try {
    log(`adding ${skuCount} products and listings`)
    const skus = await addCatalogue(h, skuCount, stock)
    const eu = h.store.accounts.get("demo-eu-api-key-0001")!
    const shownOnEu = (sku: string) => [...(eu.listings.get(`EU-${sku}`)?.stock.values() ?? [])].reduce((sum, cell) => sum + cell.quantity, 0)
    await waitUntil(() => skus.every((s) => shownOnEu(s.sku) === stock), 120_000, "initial pushes")

    const source = h.store.addAccount({ api_key: SOURCE_KEY, name: "Order source" })
    for (const s of skus) h.store.upsertListing(source, { sku: `SRC-${s.sku}` })
    const [webshop] = await h.sql(`SELECT id FROM sales_channel WHERE name = 'Webshop'`)
    const { channel } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "Order source", code: "bench-orders-source", provider_id: "sandbox",
      credentials: { api_key: SOURCE_KEY, webhook_secret: SECRET }, sales_channel_id: webshop.id, order_import_enabled: true,
    })
    await h.admin("POST", "/admin/marketplace/listings/batch", {
      listings: skus.map((s) => ({ channel_id: channel.id, channel_sku: `SRC-${s.sku}`, variant_id: s.variant_id })),
    })
    await waitUntil(async () => (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE due_at IS NOT NULL OR claim_token IS NOT NULL`))[0].n === 0, 120_000, "a quiet outbox")
    source.webhook = { url: `${h.baseUrl}/hooks/marketplace/${channel.id}`, secret: SECRET, duplicate: false }

    // For every SKU, its orders in placement order; the k-th is reflected once the EU channel shows ≤ stock − k.
    const placed = new Map<string, number[]>()
    const reflected = new Map<string, number[]>()
    const stop = h.store.onQuantity((change) => {
      if (!change.sku.startsWith("EU-")) return
      const sku = change.sku.slice(3)
      const times = placed.get(sku)
      if (!times) return
      const shown = shownOnEu(sku)
      const done = reflected.get(sku) ?? []
      for (let k = done.length; k < times.length && shown <= stock - (k + 1); k++) done.push(change.at)
      reflected.set(sku, done)
    })

    log(`${orders} webhook orders in ${windowMs / 1000} s`)
    const started = Date.now()
    for (let i = 0; i < orders; i++) {
      const wait = started + (i * windowMs) / orders - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const sku = skus[i % skus.length].sku
      placed.set(sku, [...(placed.get(sku) ?? []), Date.now()])
      h.store.placeOrder(source, [{ sku: `SRC-${sku}`, quantity: 1, location: "default" }], { id: `BENCH-ORDER-${i}` })
    }
    const placedMs = Date.now() - started
    const settled = async () => (await h.sql(`SELECT count(*)::int AS n FROM mkt_channel_order WHERE status IN ('imported', 'failed', 'staged', 'cancelled')`))[0].n
    await waitUntil(async () => (await settled()) >= orders, 30 * 60_000, "every order to be imported")
    const importedMs = Date.now() - started
    await waitUntil(() => [...placed.entries()].every(([sku, times]) => (reflected.get(sku)?.length ?? 0) >= times.length), 120_000, "the EU channel to show every sale")
    stop()
    await h.sandbox.webhooksSettled()

    const latencies = [...placed.entries()].flatMap(([sku, times]) => times.map((at, k) => reflected.get(sku)![k] - at)).sort((a, b) => a - b)
    const [{ imported, failed }] = await h.sql(
      `SELECT count(*) FILTER (WHERE status = 'imported')::int AS imported, count(*) FILTER (WHERE status <> 'imported')::int AS failed FROM mkt_channel_order`
    )
    const [{ medusa_orders }] = await h.sql(`SELECT count(*)::int AS medusa_orders FROM "order" WHERE metadata->>'marketplace_channel_id' = $1`, [channel.id])
    const deliveries = h.sandbox.deliveries.filter((d) => d.api_key === SOURCE_KEY)
    const statuses: Record<string, number> = {}
    for (const d of deliveries) statuses[d.status] = (statuses[d.status] ?? 0) + 1
    const wrong = skus.filter((s) => shownOnEu(s.sku) !== stock - (placed.get(s.sku)?.length ?? 0)).length
    console.log(
      JSON.stringify(
        {
          bench: "orders",
          orders,
          skus: skus.length,
          placed_in_ms: placedMs,
          webhook_deliveries_by_status: statuses,
          imported,
          not_imported: failed,
          medusa_orders,
          all_settled_after_ms: importedMs,
          import_throughput_per_s: Number((orders / (importedMs / 1000)).toFixed(2)),
          other_channel_shows_sale_ms: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            max: latencies[latencies.length - 1],
          },
          eu_quantities_wrong_at_end: wrong,
          target: "p95 ≤ 2,000 ms after each order's webhook",
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
