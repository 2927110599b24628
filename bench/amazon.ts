import { startAmazonStandIn, type RecordedRequest } from "../stand-ins/amazon"
import { USAGE_PLANS } from "../src/providers/amazon/client"
import { log, startHarness, type Harness } from "./harness"

/**
 * bench:amazon: BENCH_AMAZON_SKUS (10,000) Amazon listings due at once, through the real
 * pipeline inside `medusa start` (the amazon provider of medusa-config, pointed at the SP-API
 * stand-in by MARKETPLACE_AMAZON_API_BASE_URL and MARKETPLACE_AMAZON_AUTH_BASE_URL). The
 * listings follow the demo's five T-shirt and sweatpants variants, on a channel created through
 * the admin API with sync off; turning sync on is the mark.
 * - wave 1: the first push, no productType kept yet (looked up 20 SKUs a call);
 * - wave 2: a stock count of the five variants, every productType kept.
 * The stand-in keeps each feed IN_QUEUE for BENCH_AMAZON_FEED_QUEUE_MS (10 s) and IN_PROGRESS for
 * BENCH_AMAZON_FEED_PROCESSING_MS (20 s). Prints per wave: feeds and messages per feed, wall time
 * from the mark to every row settled (and to every quantity on Amazon), calls per operation with
 * their busiest second and busiest 5 minutes against the published plans, 429s received, and
 * rows that ended anywhere but Success.
 */
const SELLER = "A1BENCHSELLER1"
const US = "ATVPDKIKX0DER"
const APP = { lwa_client_id: "amzn1.application-oa2-client.bench", lwa_client_secret: "amzn1.oa2-cs.v1.bench-secret" }
const REFRESH = "Atzr|bench-refresh-token"
const PRODUCT_TYPE = "SHIRT"

async function main() {
  const count = Number(process.env.BENCH_AMAZON_SKUS || 10_000)
  const amazon = await startAmazonStandIn()
  amazon.store.addApp(APP.lwa_client_id, APP.lwa_client_secret)
  amazon.store.addSeller(SELLER, [US], REFRESH, APP.lwa_client_id, "Bench Store")
  amazon.store.feed_queue_ms = Number(process.env.BENCH_AMAZON_FEED_QUEUE_MS ?? 10_000)
  amazon.store.feed_processing_ms = Number(process.env.BENCH_AMAZON_FEED_PROCESSING_MS ?? 20_000)
  const h = await startHarness("amazon", { MARKETPLACE_AMAZON_API_BASE_URL: amazon.url, MARKETPLACE_AMAZON_AUTH_BASE_URL: amazon.url })
  try {
    // Only Amazon is measured: the demo's sandbox channels stop pushing.
    await h.sql(`UPDATE mkt_channel SET sync_enabled = false WHERE provider_id = 'sandbox'`)
    const [{ id: salesChannelId }] = await h.sql(`SELECT id FROM sales_channel WHERE name = 'Webshop'`)
    const { channel } = await h.admin("POST", "/admin/marketplace/channels", {
      name: "Amazon bench", code: "amazon-bench", provider_id: "amazon", sales_channel_id: salesChannelId, sync_enabled: false,
      credentials: { seller_id: SELLER, marketplace_ids: US, ...APP, refresh_token: REFRESH },
    })
    const variants = await h.sql<{ id: string; sku: string; inventory_item_id: string }>(
      `SELECT v.id, v.sku, l.inventory_item_id FROM product_variant v
       JOIN product_variant_inventory_item l ON l.variant_id = v.id AND l.deleted_at IS NULL
       WHERE v.sku LIKE 'TSHIRT-%' OR v.sku LIKE 'SWEAT-%' ORDER BY v.sku`
    )
    const skus = Array.from({ length: count }, (_, i) => ({ sku: `AMZ-${String(i).padStart(5, "0")}`, variant: variants[i % variants.length] }))
    log(`listing ${count} SKUs on Amazon (stand-in) and on the channel, sync off`)
    const listingStarted = Date.now()
    skus.forEach((s) => amazon.store.addListing(SELLER, { sku: s.sku, quantity: 0, productType: PRODUCT_TYPE }))
    for (let i = 0; i < skus.length; i += 500) {
      await h.admin("POST", "/admin/marketplace/listings/batch", {
        listings: skus.slice(i, i + 500).map((s) => ({ channel_id: channel.id, channel_sku: s.sku, variant_id: s.variant.id })),
      })
    }
    log(`listed in ${Date.now() - listingStarted} ms`)
    const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)

    const first = await wave(h, amazon, channel.id, count, "first push, productTypes looked up", () =>
      h.admin("POST", `/admin/marketplace/channels/${channel.id}`, { sync_enabled: true })
    )
    const [{ n: kept }] = await h.sql(`SELECT count(*)::int AS n FROM mkt_listing WHERE channel_id = $1 AND channel_product_id = $2`, [channel.id, PRODUCT_TYPE])
    log(`${kept} listings keep their productType`)
    const levels = await h.sql<{ inventory_item_id: string; stocked_quantity: number }>(
      `SELECT inventory_item_id, stocked_quantity FROM inventory_level WHERE location_id = $1 AND inventory_item_id = ANY($2) AND deleted_at IS NULL`,
      [east.id, variants.map((v) => v.inventory_item_id)]
    )
    const second = await wave(h, amazon, channel.id, count, "a stock count of the 5 variants, productTypes kept", () =>
      h.admin("POST", "/admin/inventory-items/location-levels/batch", {
        update: levels.map((l) => ({ inventory_item_id: l.inventory_item_id, location_id: east.id, stocked_quantity: Number(l.stocked_quantity) + 7 })),
      })
    )
    console.log(
      JSON.stringify(
        {
          bench: "amazon",
          skus: count,
          variants: variants.length,
          stand_in: { feed_queue_ms: amazon.store.feed_queue_ms, feed_processing_ms: amazon.store.feed_processing_ms, search_plan: amazon.store.plans.searchListingsItems },
          listings_keeping_product_type_after_wave_1: kept,
          waves: [first, second],
          unexpected_calls: amazon.unexpected.slice(0, 5),
          unexpected_count: amazon.unexpected.length,
        },
        null,
        2
      )
    )
  } finally {
    await h.stop()
    await amazon.close()
  }
}

async function wave(h: Harness, amazon: Awaited<ReturnType<typeof startAmazonStandIn>>, channelId: string, count: number, name: string, mark: () => Promise<unknown>) {
  log(`wave: ${name}`)
  const from = amazon.requests.length
  const feedsBefore = new Set(amazon.store.feeds.keys())
  const since = new Date()
  const started = Date.now()
  await mark()
  const markedMs = Date.now() - started
  const rows = async () =>
    (
      await h.sql<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM mkt_sync_record WHERE channel_id = $1 AND created_at >= $2 AND deleted_at IS NULL GROUP BY status`,
        [channelId, since.toISOString()]
      )
    ).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: r.n }), {})
  const open = async () =>
    (await h.sql(`SELECT count(*)::int AS n FROM mkt_listing_target WHERE channel_id = $1 AND (due_at IS NOT NULL OR claim_token IS NOT NULL)`, [channelId]))[0].n as number
  let firstSubmittedMs: number | null = null
  let statuses: Record<string, number> = {}
  const deadline = started + 30 * 60_000
  for (;;) {
    statuses = await rows()
    if (firstSubmittedMs === null && (statuses.submitted ?? 0) + (statuses.success ?? 0) > 0) firstSubmittedMs = Date.now() - started
    const settled = (statuses.success ?? 0) + (statuses.error ?? 0) + (statuses.skipped ?? 0)
    if (settled >= count && (await open()) === 0) break
    if (Date.now() > deadline) throw new Error(`wave "${name}" not settled after 30 minutes: ${JSON.stringify(statuses)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const settledMs = Date.now() - started
  const calls = amazon.requests.slice(from)
  const feeds = [...amazon.store.feeds.values()].filter((f) => !feedsBefore.has(f.feedId))
  // What Amazon holds against what each row's push said.
  const pushed = await h.sql<{ sku: string; quantity: number }>(
    `SELECT l.channel_sku AS sku, r.quantity FROM mkt_sync_record r JOIN mkt_listing l ON l.id = r.listing_id
     WHERE r.channel_id = $1 AND r.created_at >= $2 AND r.status = 'success' AND r.deleted_at IS NULL`,
    [channelId, since.toISOString()]
  )
  const wrong = pushed.filter((p) => amazon.store.quantity(SELLER, p.sku, US) !== p.quantity)
  const errors = await h.sql(
    `SELECT error_code, count(*)::int AS n FROM mkt_sync_record WHERE channel_id = $1 AND created_at >= $2 AND status = 'error' GROUP BY error_code`,
    [channelId, since.toISOString()]
  )
  const feed = feeds[0]
  const result = {
    wave: name,
    mark_request_ms: markedMs,
    mark_to_first_submitted_ms: firstSubmittedMs,
    mark_to_all_settled_ms: settledMs,
    feed_processing_ms: feeds.map((f) => (f.processed_at ?? 0) - f.created),
    created_feed_at_ms: feeds.map((f) => f.created - started),
    feed_done_to_all_settled_ms: feed?.processed_at ? started + settledMs - feed.processed_at : null,
    feeds_used: feeds.length,
    messages_per_feed: feeds.map((f) => f.messages),
    accepted_per_feed: feeds.map((f) => f.accepted),
    rows: statuses,
    error_codes: errors,
    quantities_wrong_on_amazon: wrong.length,
    calls_per_operation: perOperation(calls),
    throttled_429: calls.filter((r) => r.status === 429).length,
    // Rows that did not end in Success, and successes Amazon does not show.
    lost_updates: Math.max(0, count - (statuses.success ?? 0) - (statuses.skipped ?? 0)) + wrong.length,
  }
  // Each wave as soon as it is over (a later failure does not lose it), then all of them together.
  log(`wave over: ${JSON.stringify(result)}`)
  return result
}

/** Calls per operation, their busiest 1 s and 300 s windows, and the plan they run under. */
function perOperation(calls: RecordedRequest[]) {
  const byOp = new Map<string, RecordedRequest[]>()
  calls.forEach((r) => {
    const op = r.operation ?? (r.path === "/auth/o2/token" ? "lwaToken" : r.path)
    byOp.set(op, [...(byOp.get(op) ?? []), r])
  })
  const busiest = (times: number[], ms: number) => {
    let best = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= ms) j++
      best = Math.max(best, i - j + 1)
    }
    return best
  }
  return Object.fromEntries(
    [...byOp.entries()].map(([op, list]) => {
      const times = list.map((r) => r.at).sort((a, b) => a - b)
      const plan = (USAGE_PLANS as Record<string, { rate: number; burst: number }>)[op]
      return [
        op,
        {
          calls: list.length,
          statuses: [...new Set(list.map((r) => r.status))],
          busiest_1s: busiest(times, 1_000),
          busiest_300s: busiest(times, 300_000),
          plan: op === "createFeed" ? "JSON_LISTINGS_FEED: 5 per 300 s" : plan ? `${plan.rate}/s, burst ${plan.burst}` : "none (presigned S3 / LWA)",
        },
      ]
    })
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
