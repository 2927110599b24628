import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { createBenchChannel } from "./bench-channel"
import { log, ROOT, startHarness } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * bench:resync: a full re-push ("Sync now") of every listing of one channel, at 10k and 100k
 * listings: wall time and the pushing process's peak RSS. The listings are matched to the demo's
 * variants (several listings per variant, as multi-pack offers are), so the stock reads are
 * realistic per listing while the catalogue is built in seconds. The sandbox takes 50 updates
 * per call; BENCH_RPS (default 200) sets the calls per second the provider allows itself.
 */
async function main() {
  process.env.SANDBOX_REQUESTS_PER_SECOND = process.env.BENCH_RPS || "200"
  const h = await startHarness("resync")
  try {
    const { channel, variants, account } = await createBenchChannel(h, "resync", "Resync")

    const results: unknown[] = []
    let have = 0
    for (const total of (process.env.BENCH_SIZES || "10000,100000").split(",").map(Number)) {
      await h.sql(
        `INSERT INTO mkt_listing (id, channel_id, channel_sku, variant_id, pack_size, sync_enabled, created_at, updated_at)
         SELECT 'mlst_rs_' || g, $1, 'RS-' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], 1 + g % 3, true, now(), now()
         FROM generate_series($3::int, $4::int) g`,
        [channel.id, variants, have, total - 1]
      )
      for (let g = have; g < total; g++) {
        h.store.upsertListing(account, { sku: `RS-${g}` })
      }
      have = total
      await h.sql(`ANALYZE mkt_listing`)
      log(`re-pushing ${total} listings`)
      const callsBefore = h.sandbox.requests.length
      const output = await runOk({
        cmd: MEDUSA,
        args: ["exec", "./bench/resync-exec.ts"],
        cwd: ROOT,
        env: { ...h.env, ...(process.env.BENCH_LIVE ? { NODE_OPTIONS: "--expose-gc" } : {}) },
      })
      const line = output.split("\n").find((l) => l.startsWith("BENCH_RESYNC "))!
      const calls = h.sandbox.requests.slice(callsBefore)
      const [{ errors }] = await h.sql(`SELECT count(*)::int AS errors FROM mkt_sync_record WHERE status = 'error'`)
      results.push({ ...JSON.parse(line.slice("BENCH_RESYNC ".length)), channel_calls: calls.length, error_rows: errors })
      // The in-memory request log would otherwise grow with every pushed body.
      h.sandbox.requests.splice(0)
    }
    console.log(
      JSON.stringify({ bench: "resync", requests_per_second: Number(process.env.SANDBOX_REQUESTS_PER_SECOND), runs: results, target: "≤ 60 s and ≤ 600 MB at 100k" }, null, 2)
    )
  } finally {
    await h.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
