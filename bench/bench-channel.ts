import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { type Harness, ROOT } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * A sandbox channel made in SQL on the demo's Webshop sales channel, with its own sandbox seller
 * and credentials sealed by the app's key; and the demo variants the bench listings are matched
 * to (several listings per variant, as multi-pack offers are).
 */
export async function createBenchChannel(h: Harness, slug: string, name: string) {
  const [channel] = await h.sql<{ id: string }>(
    `INSERT INTO mkt_channel (id, name, code, provider_id, sync_enabled, sales_channel_id, force_reconcile_cooldown_minutes, created_at, updated_at)
     SELECT $1, $2, $3, 'sandbox', true, id, 15, now(), now() FROM sales_channel WHERE name = 'Webshop'
     RETURNING id`,
    [`mch_bench_${slug}`, `${name} bench`, `bench-${slug}`]
  )
  const variants = (await h.sql<{ id: string }>(`SELECT id FROM product_variant WHERE sku LIKE 'TSHIRT-%' OR sku LIKE 'SWEAT-%' ORDER BY sku`)).map((v) => v.id)
  const key = `bench-${slug}-key-0001`
  const account = h.store.addAccount({ api_key: key, name: `${name} bench seller` })
  const { encrypted } = JSON.parse(
    (await runOk({ cmd: MEDUSA, args: ["exec", "./bench/seal-exec.ts"], cwd: ROOT, env: { ...h.env, BENCH_API_KEY: key } }))
      .split("\n")
      .find((l) => l.startsWith("BENCH_SEAL "))!
      .slice("BENCH_SEAL ".length)
  )
  await h.sql(`UPDATE mkt_channel SET credentials_encrypted = $1 WHERE id = $2`, [encrypted, channel.id])
  return { channel, variants, account }
}
