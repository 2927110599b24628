import type { ExecArgs } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../src/modules/marketplace"
import { markStockChangedWorkflow } from "../src/workflows/marketplace/mark-stock-changed"

/**
 * Run by bench/resync.ts with `medusa exec`: "Sync now" for the bench channel (every listing
 * recomputed, marked and pushed), timed until the outbox is drained, with this process's peak RSS.
 */
export default async function resyncExec({ container }: ExecArgs) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const [channel] = await marketplace.listChannels({ code: "bench-resync" })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  // Live memory (heap + external after a full collection, once a second) when run with
  // --expose-gc (BENCH_LIVE=1): tells retained memory from garbage V8 has not collected yet.
  let live = 0
  const collector = global.gc
    ? setInterval(() => {
        global.gc!()
        const usage = process.memoryUsage()
        live = Math.max(live, usage.heapUsed + usage.external)
      }, 1000)
    : null
  const started = Date.now()
  const { result } = await markStockChangedWorkflow(container).run({
    input: { trigger: { event: "bench.resync" }, channel_ids: [channel.id], force: true },
  })
  const markedMs = Date.now() - started
  await marketplace.flushNow()
  const totalMs = Date.now() - started
  clearInterval(sampler)
  if (collector) {
    clearInterval(collector)
  }
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(
    `BENCH_RESYNC ${JSON.stringify({ listings: result.listings, due: result.due, mark_ms: markedMs, total_ms: totalMs, peak_rss_mb: Math.round(peak / 1048576), ...(collector ? { peak_live_mb: Math.round(live / 1048576) } : {}) })}\n`
  )
}
