import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { generateExport } from "../src/lib/export/generate-export"
import type { MarketplaceModuleService } from "../src/modules/marketplace"

/**
 * Run by bench/export.ts with `medusa exec`: one Sync Log export of the whole archive, written
 * through the File module, timed, with this process's RSS before and at its peak.
 */
export default async function exportExec({ container }: ExecArgs) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  global.gc?.()
  const baseline = process.memoryUsage().rss
  const baselineLive = process.memoryUsage().heapUsed + process.memoryUsage().external
  let peak = baseline
  // Live memory: every second a full collection (bench/export.ts runs this with --expose-gc),
  // then what is still held. RSS alone also counts garbage V8 has not collected yet.
  let live = 0
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const collector = setInterval(() => {
    global.gc?.()
    const usage = process.memoryUsage()
    live = Math.max(live, usage.heapUsed + usage.external)
  }, 1000)
  const job = await marketplace.createExportJobs({ kind: "sync_log", filter: { view: "archive" }, filename: "sync-log-bench.xlsx" })
  const started = Date.now()
  const outcome = await generateExport(container, job.id)
  const totalMs = Date.now() - started
  clearInterval(sampler)
  clearInterval(collector)
  const done = await marketplace.retrieveExportJob(job.id)
  // The workbook was only written to be measured.
  if (done.file_key) {
    await container.resolve(Modules.FILE).deleteFiles(done.file_key)
  }
  process.stdout.write(
    `BENCH_EXPORT ${JSON.stringify({
      status: outcome.status,
      rows: done.row_count,
      total_ms: totalMs,
      rows_per_second: Math.round(((done.row_count ?? 0) * 1000) / totalMs),
      file_mb: Math.round(((done.file_size ?? 0) / 1048576) * 10) / 10,
      baseline_rss_mb: Math.round(baseline / 1048576),
      peak_rss_mb: Math.round(peak / 1048576),
      baseline_live_mb: Math.round(baselineLive / 1048576),
      peak_live_mb: Math.round(live / 1048576),
      error: done.error_message,
    })}\n`
  )
}
