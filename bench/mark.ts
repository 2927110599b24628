import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { log, ROOT, startHarness } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * bench:mark: the time to mark one stock change due with 1,000 and with 100,000 listings in the
 * catalogue (the extra listings sit on another channel, matched to other variants). Target: the
 * 100k time at most 1.5 × the 1k time.
 */
async function main() {
  const h = await startHarness("mark")
  try {
    const [{ id: channelId }] = await h.sql(
      `INSERT INTO mkt_channel (id, name, code, provider_id, sync_enabled, force_reconcile_cooldown_minutes, created_at, updated_at)
       VALUES ('mch_bench_filler', 'Filler', 'filler', 'sandbox', false, 15, now(), now()) RETURNING id`
    )
    const fill = async (total: number) => {
      const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM mkt_listing WHERE deleted_at IS NULL`)
      if (n >= total) {
        return n
      }
      await h.sql(
        `INSERT INTO mkt_listing (id, channel_id, channel_sku, variant_id, pack_size, sync_enabled, created_at, updated_at)
         SELECT 'mlst_fill_' || g, $1, 'FILL-' || g, 'variant_fill_' || (g % 20000), 1, true, now(), now()
         FROM generate_series($2::int, $3::int) g`,
        [channelId, n, total - 1]
      )
      await h.sql(`ANALYZE mkt_listing`)
      return total
    }
    const measure = async (total: number) => {
      const listings = await fill(total)
      log(`marking with ${listings} listings`)
      const output = await runOk({ cmd: MEDUSA, args: ["exec", "./bench/mark-exec.ts"], cwd: ROOT, env: h.env })
      const line = output.split("\n").find((l) => l.startsWith("BENCH_MARK "))
      return { listings, ...JSON.parse(line!.slice("BENCH_MARK ".length)) }
    }
    const small = await measure(1_000)
    const large = await measure(100_000)
    console.log(
      JSON.stringify(
        { bench: "mark", at_1k: small, at_100k: large, ratio_median: Number((large.median_ms / small.median_ms).toFixed(2)), target_ratio: 1.5 },
        null,
        2
      )
    )
  } finally {
    await h.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
