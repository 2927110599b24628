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
  const started = Date.now()
  const { result } = await markStockChangedWorkflow(container).run({
    input: { trigger: { event: "bench.resync" }, channel_ids: [channel.id], force: true },
  })
  const markedMs = Date.now() - started
  await marketplace.flushNow()
  const totalMs = Date.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(
    `BENCH_RESYNC ${JSON.stringify({ listings: result.listings, due: result.due, mark_ms: markedMs, total_ms: totalMs, peak_rss_mb: Math.round(peak / 1048576) })}\n`
  )
}
