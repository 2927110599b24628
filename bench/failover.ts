import { startCluster } from "../dev/cluster-lib"
import { SandboxStore } from "../sandbox/store"
import { log } from "./harness"

const KEY = "bench-failover-api-key-0001"
const TARGETS = 100

/**
 * bench:failover: a server and two workers on Redis (REDIS_URL). "Sync now" on a channel of 100
 * listings whose marketplace answers after 30 s, so the server's claims are on the wire; then
 * `kill -9` of the server while they are claimed, the marketplace made fast again, and the
 * seconds until the workers have pushed every row (the dead claims' leases run out, the backstop
 * takes them). BENCH_RUNS repeats it (default 3).
 */
async function main() {
  const runs = Number(process.env.BENCH_RUNS || 3)
  const store = new SandboxStore()
  store.addAccount({ api_key: "demo-eu-api-key-0001", name: "Sandbox EU seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
  store.addAccount({ api_key: "demo-outlet-api-key-0002", name: "Sandbox Outlet seller" })
  const account = store.addAccount({ api_key: KEY, name: "Failover seller" })
  const cluster = await startCluster({ name: "bench_failover", workers: 2, fresh: true, redisDb: 12, sandboxStore: store, log })
  const seconds: number[] = []
  try {
    const [variant] = await cluster.sql(`SELECT id FROM product_variant WHERE sku = 'TSHIRT-M'`)
    const { channel } = await cluster.admin("POST", "/admin/marketplace/channels", { name: "Failover", code: "failover", provider_id: "sandbox", credentials: { api_key: KEY } })
    const skus = Array.from({ length: TARGETS }, (_, i) => `FO-${i}`)
    skus.forEach((sku) => store.upsertListing(account, { sku }))
    await cluster.admin("POST", "/admin/marketplace/listings/batch", { listings: skus.map((sku) => ({ channel_id: channel.id, channel_sku: sku, variant_id: variant.id })) })
    await waitFor(async () => (await due(cluster.sql, channel.id)) === 0, 60_000)
    for (let run = 1; run <= runs; run++) {
      account.latency_ms = 30_000
      const before = new Map(skus.map((sku) => [sku, account.listings.get(sku)!.stock.get("default")?.updated_at]))
      await cluster.admin("POST", `/admin/marketplace/channels/${channel.id}/sync`, {})
      await waitFor(async () => Number((await cluster.sql(`SELECT count(*) AS n FROM mkt_listing_target WHERE channel_id = $1 AND claim_token IS NOT NULL`, [channel.id]))[0].n) === TARGETS, 30_000)
      const killedAt = Date.now()
      cluster.kill("server")
      account.latency_ms = 0
      await waitFor(
        async () => skus.every((sku) => account.listings.get(sku)!.stock.get("default")?.updated_at !== before.get(sku)) && (await due(cluster.sql, channel.id)) === 0,
        120_000
      )
      seconds.push((Date.now() - killedAt) / 1000)
      log(`run ${run}: every row pushed by a survivor ${seconds.at(-1)!.toFixed(1)} s after the kill`)
      await cluster.start("server")
    }
    console.log(JSON.stringify({ bench: "failover", targets: TARGETS, runs, seconds_after_kill: seconds, max_s: Math.max(...seconds), goal_s: 10 }, null, 2))
  } finally {
    await cluster.stop()
  }
}

const due = async (sql: (text: string, params?: unknown[]) => Promise<any[]>, channelId: string) =>
  Number((await sql(`SELECT count(*) AS n FROM mkt_listing_target WHERE channel_id = $1 AND (due_at IS NOT NULL OR claim_token IS NOT NULL)`, [channelId]))[0].n)

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error("timed out")
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
