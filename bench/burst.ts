import { addCatalogue, waitUntil } from "./catalogue"
import { log, startHarness } from "./harness"

/**
 * bench:burst: BENCH_EVENTS (1,000) stock changes over BENCH_SKUS (100) SKUs within 10 s, made
 * through the admin API as stock counts would be. Prints the channel API calls and items pushed
 * against one call per event, and whether every channel quantity ends right.
 */
async function main() {
  const events = Number(process.env.BENCH_EVENTS || 1_000)
  const skuCount = Number(process.env.BENCH_SKUS || 100)
  const windowMs = 10_000
  const h = await startHarness("burst")
  try {
    log(`adding ${skuCount} products and listings`)
    const skus = await addCatalogue(h, skuCount)
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
    const account = h.store.accounts.get("demo-eu-api-key-0001")!
    const eastQuantity = (sku: string) => account.listings.get(`EU-${sku}`)?.stock.get("EAST")?.quantity
    await waitUntil(() => skus.every((s) => eastQuantity(s.sku) === 20), 120_000, "initial pushes")
    await waitUntil(async () => (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE due_at IS NOT NULL`))[0].n === 0, 60_000, "quiet outbox")

    const callsBefore = h.sandbox.requests.length
    const finalLevel = new Map<string, number>()
    const chains = new Map<string, Promise<unknown>>()
    log(`${events} stock changes in ${windowMs / 1000} s`)
    const started = Date.now()
    const sent: Promise<unknown>[] = []
    for (let i = 0; i < events; i++) {
      const target = started + (i * windowMs) / events
      const wait = target - Date.now()
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      const sku = skus[Math.floor(Math.random() * skus.length)]
      const level = Math.floor(Math.random() * 60)
      finalLevel.set(sku.sku, level)
      // Changes of one SKU are applied in order, as one warehouse would count them.
      const next = (chains.get(sku.sku) ?? Promise.resolve()).then(() =>
        h.admin("POST", `/admin/inventory-items/${sku.inventory_item_id}/location-levels/${east.id}`, { stocked_quantity: level })
      )
      chains.set(sku.sku, next)
      sent.push(next)
    }
    await Promise.all(sent)
    const sentMs = Date.now() - started
    await waitUntil(
      async () =>
        (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE due_at IS NOT NULL OR claim_token IS NOT NULL`))[0].n === 0,
      120_000,
      "the outbox to drain"
    )
    const settledMs = Date.now() - started
    const pushes = h.sandbox.requests.slice(callsBefore).filter((r) => r.path === "/api/stock/batch")
    const items = pushes.reduce((sum, r) => sum + ((r.body as { updates?: unknown[] })?.updates?.length ?? 0), 0)
    const wrong = [...finalLevel.entries()].filter(([sku, level]) => eastQuantity(sku) !== level)
    console.log(
      JSON.stringify(
        {
          bench: "burst",
          stock_changes: events,
          skus_changed: finalLevel.size,
          changes_sent_in_ms: sentMs,
          drained_after_ms: settledMs,
          channel_calls: pushes.length,
          items_pushed: items,
          calls_vs_one_per_event: Number((pushes.length / events).toFixed(3)),
          final_quantities_correct: `${finalLevel.size - wrong.length}/${finalLevel.size}`,
          wrong: wrong.slice(0, 5).map(([sku, level]) => ({ sku, level, channel: eastQuantity(sku) })),
          target: "calls ≤ 0.1 × events, 100 % correct",
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
