import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { createBenchChannel } from "./bench-channel"
import { log, ROOT, startHarness } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * bench:reconcile: one reconciliation run of a channel with 10k and with 100k listings against
 * the sandbox's snapshot of the same SKUs (one in ten edited on the marketplace, so mismatches
 * are real): wall time from the first read-back call to the last row written, and peak RSS.
 * Listings are matched to the demo's variants (several per variant, as multi-pack offers are).
 */
async function main() {
  const h = await startHarness("reconcile")
  try {
    const { channel, variants, account } = await createBenchChannel(h, "reconcile", "Reconcile")

    const runs: unknown[] = []
    let have = 0
    for (const total of (process.env.BENCH_SIZES || "10000,100000").split(",").map(Number)) {
      await h.sql(
        `INSERT INTO mkt_listing (id, channel_id, channel_sku, variant_id, pack_size, sync_enabled, created_at, updated_at)
         SELECT 'mlst_rc_' || g, $1, 'RC-' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], 1 + g % 3, true, now(), now()
         FROM generate_series($3::int, $4::int) g`,
        [channel.id, variants, have, total - 1]
      )
      for (let g = have; g < total; g++) {
        const listing = h.store.upsertListing(account, { sku: `RC-${g}` })
        h.store.setQuantity(listing, "default", g % 10 === 0 ? 999 : 0)
      }
      have = total
      await h.sql(`ANALYZE mkt_listing`)
      log(`reconciling ${total} listings`)
      const output = await runOk({ cmd: MEDUSA, args: ["exec", "./bench/reconcile-exec.ts"], cwd: ROOT, env: h.env })
      runs.push(JSON.parse(output.split("\n").find((l) => l.startsWith("BENCH_RECONCILE "))!.slice("BENCH_RECONCILE ".length)))
      h.sandbox.requests.splice(0)
    }
    console.log(JSON.stringify({ bench: "reconcile", runs, target: "≤ 30 s at 100k" }, null, 2))
  } finally {
    await h.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
