import type { ExecArgs } from "@medusajs/framework/types"
import { runReconciliation } from "../src/lib/reconcile/run-reconciliation"
import type { MarketplaceModuleService } from "../src/modules/marketplace"

/**
 * Run by bench/reconcile.ts with `medusa exec`: one reconciliation run of the bench channel,
 * from reading the channel back to the last row written, with this process's peak RSS.
 */
export default async function reconcileExec({ container }: ExecArgs) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const [channel] = await marketplace.listChannels({ code: "bench-reconcile" })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const run = await marketplace.createReconciliations({ channel_id: channel.id, trigger: "manual" })
  const started = Date.now()
  const outcome = await runReconciliation(container, run.id)
  const totalMs = Date.now() - started
  clearInterval(sampler)
  const done = await marketplace.retrieveReconciliation(run.id)
  process.stdout.write(
    `BENCH_RECONCILE ${JSON.stringify({
      status: outcome.status,
      listings: done.total,
      counts: done.counts,
      total_ms: totalMs,
      peak_rss_mb: Math.round(peak / 1048576),
      error: done.error_message,
    })}\n`
  )
}
