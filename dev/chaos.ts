import { runChaos } from "./chaos-lib"
import type { Cluster } from "./cluster-lib"

/**
 * `npm run chaos`: server + 2 workers on Redis (REDIS_URL, default redis://127.0.0.1:6379, its
 * database 14 flushed first), 10,000 stock events over 100 SKUs with the sandbox failing calls,
 * four SIGKILLs; prints one JSON verdict and exits 0 only when it passes. Stops by itself within
 * 15 minutes. CHAOS_EVENTS, CHAOS_SKUS, CHAOS_WORKERS, CHAOS_CONCURRENCY change the run's size.
 */
const DEADLINE_MS = 15 * 60_000

async function main() {
  const log = (message: string) => process.stderr.write(`[chaos] ${message}\n`)
  let cluster: Cluster | null = null
  const watchdog = setTimeout(() => {
    process.stdout.write(JSON.stringify({ pass: false, problems: ["the run did not finish within 15 minutes"] }) + "\n")
    cluster?.instances.forEach((instance) => cluster!.kill(instance.name))
    process.exit(1)
  }, DEADLINE_MS)
  watchdog.unref()
  const verdict = await runChaos({
    onCluster: (c) => (cluster = c),
    name: "chaos",
    workers: Number(process.env.CHAOS_WORKERS || 2),
    skus: Number(process.env.CHAOS_SKUS || 100),
    events: Number(process.env.CHAOS_EVENTS || 10_000),
    kills: { workers: 3, server: 1 },
    concurrency: Number(process.env.CHAOS_CONCURRENCY || 6),
    convergeWithinMs: 60_000,
    redisDb: 14,
    log,
    deadlineMs: DEADLINE_MS - 30_000,
  })
  process.stdout.write(JSON.stringify(verdict, null, 2) + "\n")
  process.exit(verdict.pass ? 0 : 1)
}

main().catch((error) => {
  process.stderr.write(`[chaos] ${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
