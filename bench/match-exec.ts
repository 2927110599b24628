import type { ExecArgs } from "@medusajs/framework/types"
import { importCatalogue } from "../src/lib/matching/auto-match"
import type { MarketplaceModuleService } from "../src/modules/marketplace"

/**
 * Run by bench/match.ts with `medusa exec`: imports the bench channel's whole catalogue into
 * listings and auto-matches it, timed, with this process's peak RSS.
 */
export default async function matchExec({ container }: ExecArgs) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const [channel] = await marketplace.listChannels({ code: "bench-match" })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = Date.now()
  const summary = await importCatalogue(container, channel.id)
  const totalMs = Date.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(`BENCH_MATCH ${JSON.stringify({ ...summary, total_ms: totalMs, peak_rss_mb: Math.round(peak / 1048576) })}\n`)
}
