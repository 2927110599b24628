import { checkout } from "../integration-tests/helpers/checkout"
import { SandboxStore } from "../sandbox/store"
import { Cluster, startCluster } from "./cluster-lib"

export type ChaosOptions = {
  /** Called with the cluster once it is up (the CLI's watchdog uses it to stop every instance). */
  onCluster?: (cluster: Cluster) => void
  /** Names the run's database (`medusa_marketplace_<name>`, dropped first). */
  name: string
  workers: number
  skus: number
  events: number
  /** `kill -9` this many times: workers (a random one each time) and the server. */
  kills: { workers: number; server: number }
  /** Stock events in flight at once. */
  concurrency: number
  /** After the faults stop, every target must equal our quantity within this long. */
  convergeWithinMs: number
  redisDb: number
  log: (message: string) => void
  /** A hard stop for the whole run (the verdict says so if reached). */
  deadlineMs: number
}

export type ChaosVerdict = {
  pass: boolean
  checks: Record<string, boolean>
  figures: Record<string, unknown>
  problems: string[]
}

const FEEDS_KEY = "chaos-feeds-api-key-0003"
const ACCOUNTS = { eu: "demo-eu-api-key-0001", outlet: "demo-outlet-api-key-0002", feeds: FEEDS_KEY }
const FAULTS = { error_rate: 0.2, rate_limit_rate: 0.05, retry_after_s: 1, timeout_rate: 0.05, malformed_rate: 0.02 }
const STOCK_WRITES = new Set(["/api/stock/batch", "/api/stock/feeds"])
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Sku = { variant_id: string; sku: string; inventory_item_id: string }

/**
 * The chaos run: a server and workers on Redis, three sandbox channels (per location; pooled
 * with allocation and buffer; feeds), the sandbox failing a third of the calls in every way it
 * knows, a stream of stock events (checkouts, cancellations, level edits, reservations) while
 * instances are killed with SIGKILL and restarted, then a verdict once the faults stop.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosVerdict> {
  const log = options.log
  const started = Date.now()
  const store = new SandboxStore()
  store.addAccount({ api_key: ACCOUNTS.eu, name: "Sandbox EU seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
  store.addAccount({ api_key: ACCOUNTS.outlet, name: "Sandbox Outlet seller" })
  store.addAccount({ api_key: ACCOUNTS.feeds, name: "Sandbox Feeds seller" })
  store.feedDelayMs = 200
  const cluster = await startCluster({
    name: options.name,
    workers: options.workers,
    fresh: true,
    redisDb: options.redisDb,
    sandboxStore: store,
    env: { SANDBOX_TIMEOUT_MS: "2000", MARKETPLACE_CHECK_SUBMISSIONS_SCHEDULE: "*/5 * * * * *" },
    log,
  })
  options.onCluster?.(cluster)
  const problems: string[] = []
  try {
    const skus = await seedCatalogue(cluster, options.skus, log)
    const finals = watchFinalRecords(cluster, problems)
    log(`${options.events} stock events over ${skus.length} SKUs with faults and ${options.kills.workers + options.kills.server} kills`)
    cluster.sandbox.setFaults(FAULTS)
    const faultsFrom = Date.now()
    const chaos = killAtRandom(cluster, options, log)
    const events = await generateEvents(cluster, skus, options)
    await chaos.done
    cluster.sandbox.setFaults({})
    const faultsUntil = Date.now()
    log(`faults off after ${Math.round((faultsUntil - faultsFrom) / 1000)} s; waiting for the channels to converge`)
    const convergence = await converge(cluster, options.convergeWithinMs)
    finals.stop()
    await finals.check()

    const requests = cluster.sandbox.requests.filter((r) => r.method === "POST" && STOCK_WRITES.has(r.path))
    // Per item, as the Sync Log counts: a failed call fails every update it carried.
    const failedWrites = requests.filter((r) => r.fault).reduce((sum, r) => sum + ((r.body as { updates?: unknown[] })?.updates?.length ?? 1), 0)
    const [logged] = await cluster.sql(
      `select coalesce(sum(case when status = 'error' then attempts else greatest(attempts - 1, 0) end), 0)::int as failed_attempts,
              count(*)::int as records,
              count(*) filter (where status in ('in_process', 'submitted'))::int as open_records
         from mkt_sync_record where deleted_at is null`
    )
    const jobs = await cluster.sql(
      `select job, count(*)::int as ticks, max(executions)::int as max_executions, count(distinct instance)::int as instances,
              extract(epoch from max(tick) - min(tick))::int as span_s
         from mkt_job_tick group by job order by job`
    )
    // A tick delivered twice is only acceptable as BullMQ's redelivery of a job whose worker was
    // killed while running it (the tick guard then skips the second run).
    const repeated = await cluster.sql<{ id: string; instance: string; executions: number }>(
      `select id, instance, executions from mkt_job_tick where executions > 1`
    )
    const killed = new Set(cluster.killedPids.map(String))
    const unexplained = repeated.filter((r) => !killed.has(r.instance.split(":").pop()!))
    const backstop = jobs.find((j) => j.job === "marketplace-flush-backstop")
    const backstopCoverage = backstop ? backstop.ticks / (backstop.span_s / 2 + 1) : 0
    const checks = {
      converged: convergence.converged,
      no_overlapping_pushes: cluster.sandbox.overlaps.length === 0,
      every_failed_attempt_logged: logged.failed_attempts >= failedWrites,
      jobs_once_per_tick: unexplained.length === 0,
      backstop_ran_every_tick: backstopCoverage >= 0.85,
      final_records_unchanged: !problems.some((p) => p.startsWith("final record")),
      no_open_records: logged.open_records === 0,
      within_deadline: Date.now() - started < options.deadlineMs,
    }
    return {
      pass: Object.values(checks).every(Boolean),
      checks,
      figures: {
        instances: cluster.instances.map((i) => `${i.name}:${i.mode}`),
        skus: skus.length,
        targets: convergence.targets,
        stock_events: events.levels + events.reserve + events.release + events.checkout + events.cancel,
        calls: events,
        kills: chaos.kills,
        fault_window_s: Math.round((faultsUntil - faultsFrom) / 1000),
        converged_after_s: convergence.afterMs === null ? null : Math.round(convergence.afterMs / 100) / 10,
        mismatches: convergence.mismatches.slice(0, 10),
        stock_writes: requests.length,
        failed_stock_writes: requests.filter((r) => r.fault).length,
        failed_stock_write_items: failedWrites,
        failed_attempts_logged: logged.failed_attempts,
        sync_records: logged.records,
        overlapping_pushes: cluster.sandbox.overlaps.length,
        jobs,
        ticks_redelivered_after_a_kill: repeated.length - unexplained.length,
        ticks_delivered_twice_unexplained: unexplained.map((r) => r.id),
        backstop_tick_coverage: Math.round(backstopCoverage * 1000) / 1000,
        total_s: Math.round((Date.now() - started) / 1000),
      },
      problems: problems.slice(0, 20),
    }
  } finally {
    await cluster.stop()
  }
}

/** `skus` variants with stock in both warehouses, listed on the three channels. */
async function seedCatalogue(cluster: Cluster, count: number, log: (m: string) => void): Promise<Sku[]> {
  const [profile] = await cluster.sql(`select id from shipping_profile limit 1`)
  const [webshop] = await cluster.sql(`select id from sales_channel where name = 'Webshop'`)
  const locations = await cluster.sql<{ id: string; name: string }>(`select id, name from stock_location`)
  const east = locations.find((l) => l.name === "East warehouse")!.id
  const west = locations.find((l) => l.name === "West warehouse")!.id
  const perProduct = 10
  for (let p = 0; p * perProduct < count; p++) {
    const sizes = Array.from({ length: Math.min(perProduct, count - p * perProduct) }, (_, i) => `V${i}`)
    await cluster.admin("POST", "/admin/products", {
      title: `Chaos product ${p}`,
      status: "published",
      shipping_profile_id: profile.id,
      sales_channels: [{ id: webshop.id }],
      options: [{ title: "Variant", values: sizes }],
      variants: sizes.map((size) => ({
        title: size,
        sku: `CH-${p}-${size}`,
        options: { Variant: size },
        manage_inventory: true,
        prices: [{ currency_code: "eur", amount: 10 }],
      })),
    })
  }
  const skus = await cluster.sql<Sku>(
    `select v.id as variant_id, v.sku, l.inventory_item_id from product_variant v
       join product_variant_inventory_item l on l.variant_id = v.id and l.deleted_at is null
      where v.sku like 'CH-%' and v.deleted_at is null order by v.sku`
  )
  log(`catalogue: ${skus.length} SKUs`)
  for (const sku of skus) {
    for (const location of [east, west]) {
      await cluster.admin("POST", `/admin/inventory-items/${sku.inventory_item_id}/location-levels`, { location_id: location, stocked_quantity: 20 })
    }
  }
  const feeds = await cluster.admin("POST", "/admin/marketplace/channels", {
    name: "Sandbox Feeds",
    code: "sandbox-feeds",
    provider_id: "sandbox-feeds",
    credentials: { api_key: FEEDS_KEY },
    sales_channel_id: webshop.id,
  })
  const channels = await cluster.sql<{ id: string; code: string }>(`select id, code from mkt_channel where deleted_at is null`)
  const channel = (code: string) => channels.find((c) => c.code === code)!.id
  const plan = [
    { id: channel("sandbox-eu"), key: ACCOUNTS.eu, prefix: "EU" },
    { id: channel("sandbox-outlet"), key: ACCOUNTS.outlet, prefix: "OUT" },
    { id: feeds.channel.id, key: ACCOUNTS.feeds, prefix: "FD" },
  ]
  for (const { id, key, prefix } of plan) {
    const account = cluster.sandbox.store.accounts.get(key)!
    skus.forEach((s) => cluster.sandbox.store.upsertListing(account, { sku: `${prefix}-${s.sku}` }))
    await cluster.admin("POST", "/admin/marketplace/listings/batch", {
      listings: skus.map((s) => ({ channel_id: id, channel_sku: `${prefix}-${s.sku}`, variant_id: s.variant_id })),
    })
  }
  // Everything listed is pushed before the faults start.
  await converge(cluster, 120_000)
  return skus
}

type EventCounts = Record<"levels" | "level_batches" | "reserve" | "release" | "checkout" | "cancel" | "refused" | "waits_for_server", number>

/**
 * The stream of stock events, `concurrency` callers at a time, until `options.events` stock
 * changes were made: level edits (single, and batches of up to 10 through the admin's batch
 * route, each level its own event), reservations made and released, Store API checkouts and
 * order cancellations. Calls the store refuses (not enough stock, say) are counted; calls made
 * while the server is down wait for it and are made again.
 */
async function generateEvents(cluster: Cluster, skus: Sku[], options: ChaosOptions): Promise<EventCounts> {
  const counts: EventCounts = { levels: 0, level_batches: 0, reserve: 0, release: 0, checkout: 0, cancel: 0, refused: 0, waits_for_server: 0 }
  const [{ token }] = await cluster.sql(`select token from api_key where title = 'Webshop'`)
  const [{ id: regionId }] = await cluster.sql(`select id from region limit 1`)
  const locations = (await cluster.sql<{ id: string }>(`select id from stock_location order by name`)).map((l) => l.id)
  const reservations: string[] = []
  const orders: string[] = []
  const take = <T>(items: T[]) => items.splice(Math.floor(Math.random() * items.length), 1)[0]
  let made = 0
  let reported = 0
  const phaseStarted = Date.now()
  /** One call; returns the stock changes it made. */
  const one = async (): Promise<number> => {
    const sku = pick(skus)
    const roll = Math.random()
    if (roll < 0.3) {
      await cluster.admin("POST", `/admin/inventory-items/${sku.inventory_item_id}/location-levels/${pick(locations)}`, {
        stocked_quantity: Math.floor(Math.random() * 30),
      })
      counts.levels++
      return 1
    }
    if (roll < 0.55) {
      // Distinct levels: one batch may not name a level twice.
      const chosen = [...new Map(Array.from({ length: 10 }, () => [pick(skus), pick(locations)] as const).map(([s, l]) => [`${s.inventory_item_id}|${l}`, { s, l }])).values()]
      await cluster.admin("POST", "/admin/inventory-items/location-levels/batch", {
        update: chosen.map(({ s, l }) => ({ inventory_item_id: s.inventory_item_id, location_id: l, stocked_quantity: Math.floor(Math.random() * 30) })),
      })
      counts.level_batches++
      counts.levels += chosen.length
      return chosen.length
    }
    if (roll < 0.72) {
      const { reservation } = await cluster.admin("POST", "/admin/reservations", {
        inventory_item_id: sku.inventory_item_id,
        location_id: pick(locations),
        quantity: 1 + Math.floor(Math.random() * 3),
      })
      reservations.push(reservation.id)
      counts.reserve++
      return 1
    }
    if (roll < 0.84 && reservations.length) {
      const id = take(reservations)
      try {
        await cluster.admin("DELETE", `/admin/reservations/${id}`)
      } catch (error) {
        reservations.push(id)
        throw error
      }
      counts.release++
      return 1
    }
    if (roll < 0.95) {
      const { order_id } = await checkout({ baseUrl: cluster.baseUrl, publishableKey: token, regionId, items: [{ variant_id: sku.variant_id, quantity: 1 }] })
      orders.push(order_id)
      counts.checkout++
      return 1
    }
    if (orders.length) {
      await cluster.admin("POST", `/admin/orders/${take(orders)}/cancel`)
      counts.cancel++
      return 1
    }
    return 0
  }
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (made < options.events) {
        try {
          const changes = await one()
          made += changes
          if (made - reported >= 1_000) {
            reported = made
            options.log(`${made} stock events in ${Math.round((Date.now() - phaseStarted) / 1000)} s`)
          }
        } catch (error) {
          if (/fetch failed|ECONNREFUSED|ECONNRESET|socket|other side closed/i.test((error as Error).message)) {
            counts.waits_for_server++
            await sleep(500)
          } else {
            counts.refused++
          }
        }
      }
    })
  )
  return counts
}

/** Kills at random moments of the event phase (one instance down at a time), each restarted. */
function killAtRandom(cluster: Cluster, options: ChaosOptions, log: (m: string) => void) {
  const kills: { instance: string; at_s: number; back_after_s: number }[] = []
  const plan = [
    ...Array.from({ length: options.kills.workers }, () => pick(cluster.instances.filter((i) => i.mode === "worker")).name),
    ...Array.from({ length: options.kills.server }, () => "server"),
  ].sort(() => Math.random() - 0.5)
  const started = Date.now()
  const done = (async () => {
    for (const name of plan) {
      await sleep(3_000 + Math.random() * 12_000)
      const at = Date.now()
      log(`kill -9 ${name}`)
      cluster.kill(name)
      await sleep(1_000 + Math.random() * 3_000)
      await cluster.start(name)
      kills.push({ instance: name, at_s: Math.round((at - started) / 1000), back_after_s: Math.round((Date.now() - at) / 1000) })
      log(`${name} back after ${Math.round((Date.now() - at) / 1000)} s`)
    }
  })()
  return { done, kills }
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)]
}

type Mismatch = { channel: string; sku: string; location: string | null; ours: number; channel_shows: number | null }

/** Until every enabled, matched listing's every target shows what the formula says now. */
async function converge(cluster: Cluster, withinMs: number) {
  const started = Date.now()
  let last: { mismatches: Mismatch[]; targets: number } = { mismatches: [], targets: 0 }
  for (;;) {
    last = await compareChannels(cluster)
    if (!last.mismatches.length) {
      return { converged: true, afterMs: Date.now() - started, ...last }
    }
    if (Date.now() - started > withinMs) {
      return { converged: false, afterMs: null, ...last }
    }
    await sleep(1_000)
  }
}

async function compareChannels(cluster: Cluster): Promise<{ mismatches: Mismatch[]; targets: number }> {
  const channels = await cluster.sql<{ id: string; code: string; api_key: string }>(`select id, code from mkt_channel where deleted_at is null`)
  const keys: Record<string, string> = { "sandbox-eu": ACCOUNTS.eu, "sandbox-outlet": ACCOUNTS.outlet, "sandbox-feeds": ACCOUNTS.feeds }
  const mismatches: Mismatch[] = []
  let targets = 0
  for (const channel of channels) {
    const account = cluster.sandbox.store.accounts.get(keys[channel.code])
    for (let offset = 0; ; offset += 1000) {
      const { listings } = await cluster.admin("GET", `/admin/marketplace/listings?channel_id=${channel.id}&include_quantity=true&limit=1000&offset=${offset}`)
      for (const listing of listings) {
        if (!listing.variant_id || !listing.sync_enabled) {
          continue
        }
        for (const target of listing.preview_targets) {
          targets++
          const location = target.location_external_id ?? "default"
          const shows = account?.listings.get(listing.channel_sku)?.stock.get(location)?.quantity ?? null
          if (shows !== target.quantity) {
            mismatches.push({ channel: channel.code, sku: listing.channel_sku, location: target.location_external_id, ours: target.quantity, channel_shows: shows })
          }
        }
      }
      if (listings.length < 1000) {
        break
      }
    }
  }
  return { mismatches, targets }
}

/** Remembers every final sync record as first seen; any later difference but the archive flag is a problem. */
function watchFinalRecords(cluster: Cluster, problems: string[]) {
  const seen = new Map<string, string>()
  let stopped = false
  const snapshot = async () => {
    const rows = await cluster.sql<{ id: string; v: string }>(
      `select id, concat_ws('|', status, quantity, attempts, error_code, error_message, completed_at) as v
         from mkt_sync_record where status in ('success', 'error')`
    )
    for (const row of rows) {
      const before = seen.get(row.id)
      if (before === undefined) {
        seen.set(row.id, row.v)
      } else if (before !== row.v) {
        problems.push(`final record ${row.id} changed: ${before} -> ${row.v}`)
        seen.set(row.id, row.v)
      }
    }
  }
  const loop = (async () => {
    while (!stopped) {
      await snapshot().catch(() => undefined)
      await sleep(2_000)
    }
  })()
  return {
    stop: () => {
      stopped = true
    },
    check: async () => {
      await loop
      await snapshot()
    },
  }
}
