import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { log, ROOT, startHarness } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * bench:export: a Sync Log export of 10k and of 100k rows (archived sync records with a full
 * breakdown, inserted by SQL): wall time, file size, the exporting process's RSS before and at
 * its peak, and its live memory (heap + external after a forced collection, sampled every second)
 * before and at its peak. Live memory that stays flat from 10k to 100k shows the export streams.
 */
async function main() {
  const h = await startHarness("export")
  try {
    const [channel] = await h.sql<{ id: string }>(
      `INSERT INTO mkt_channel (id, name, code, provider_id, sync_enabled, force_reconcile_cooldown_minutes, created_at, updated_at)
       VALUES ('mch_bench_export', 'Export bench', 'bench-export', 'sandbox', false, 15, now(), now()) RETURNING id`
    )
    const breakdown = JSON.stringify({
      mode: "stock",
      location_ids: ["sloc_a", "sloc_b"],
      items: [{ inventory_item_id: "iitem_x", required_quantity: 1, locations: [{ location_id: "sloc_a", stocked: 12, reserved: 2, available: 10 }], available: 10, units: 10 }],
      units: 10,
      pack_size: 1,
      packs: 10,
      rules: { allocation_percentage: 100, buffer: 0, zero_out_threshold: 0, max_quantity: null, backorder_quantity: null, unmanaged_quantity: 100 },
      steps: { after_allocation: 10, after_buffer: 10, zeroed_by_threshold: false, capped_by_max: false },
      quantity: 10,
    })
    const runs: unknown[] = []
    let have = 0
    for (const total of (process.env.BENCH_SIZES || "10000,100000").split(",").map(Number)) {
      await h.sql(
        `INSERT INTO mkt_sync_record (id, channel_id, listing_id, channel_sku, variant_sku, location_code, quantity, breakdown,
                                      trigger_event, trigger_id, status, attempts, archived, archived_at, completed_at, created_at, updated_at)
         SELECT 'msync_bench_' || lpad(g::text, 7, '0'), $1, 'mlst_' || g % 5000, 'EXP-' || g % 5000, 'SKU-' || g % 5000,
                'EAST', g % 40, $2::jsonb, 'order.placed', 'order_' || g,
                CASE WHEN g % 10 = 0 THEN 'error' ELSE 'success' END, 1, true, now(), now(), now(), now()
         FROM generate_series($3::int, $4::int) g`,
        [channel.id, breakdown, have, total - 1]
      )
      await h.sql(`UPDATE mkt_sync_record SET error_code = 'rejected', error_message = 'Listing is locked by a promotion' WHERE status = 'error' AND error_code IS NULL`)
      have = total
      await h.sql(`ANALYZE mkt_sync_record`)
      log(`exporting ${total} rows`)
      const output = await runOk({ cmd: MEDUSA, args: ["exec", "./bench/export-exec.ts"], cwd: ROOT, env: { ...h.env, NODE_OPTIONS: "--expose-gc" } })
      runs.push(JSON.parse(output.split("\n").find((l) => l.startsWith("BENCH_EXPORT "))!.slice("BENCH_EXPORT ".length)))
    }
    console.log(JSON.stringify({ bench: "export", runs }, null, 2))
  } finally {
    await h.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
