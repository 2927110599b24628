import path from "node:path"
import { runOk } from "../integration-tests/helpers/process"
import { log, ROOT, startHarness } from "./harness"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const KEY = "bench-match-key-0001"

/** An EAN-13 for n: twelve digits and their check digit. */
function ean13(n: number): string {
  const body = `40${String(n).padStart(10, "0")}`
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 ? 3 : 1), 0)
  return body + ((10 - (sum % 10)) % 10)
}

/**
 * bench:match: a BENCH_ENTRIES (100,000) entry channel catalogue imported and auto-matched
 * against BENCH_VARIANTS (50,000) variants: half the variants have an exactly equal channel SKU,
 * 30 % one that differs in case and separators, 20 % only a GTIN (their EAN) under an unrelated
 * SKU; the remaining entries match nothing. Prints the import's wall time, its process's peak RSS
 * and how many entries each outcome got (goal: ≤ 30 s and ≤ 600 MB).
 */
async function main() {
  const entries = Number(process.env.BENCH_ENTRIES || 100_000)
  const variantCount = Number(process.env.BENCH_VARIANTS || 50_000)
  const h = await startHarness("match")
  try {
    log(`adding ${variantCount} variants`)
    await h.sql(`INSERT INTO product (id, title, handle, status, created_at, updated_at) VALUES ('prod_bench_match', 'Bench match', 'bench-match', 'published', now(), now())`)
    const ids: string[] = []
    const skus: string[] = []
    const eans: string[] = []
    for (let i = 0; i < variantCount; i++) {
      ids.push(`variant_bm_${i}`)
      skus.push(`BM-${String(i).padStart(6, "0")}`)
      eans.push(ean13(i))
    }
    await h.sql(
      `INSERT INTO product_variant (id, title, sku, ean, product_id, manage_inventory, created_at, updated_at)
       SELECT id, sku, sku, ean, 'prod_bench_match', false, now(), now() FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, sku, ean)`,
      [ids, skus, eans]
    )
    await h.sql(`ANALYZE product_variant`)

    const account = h.store.addAccount({ api_key: KEY, name: "Match bench seller" })
    const exact = Math.floor(variantCount * 0.5)
    const normalised = Math.floor(variantCount * 0.3)
    for (let i = 0; i < entries; i++) {
      if (i < exact) {
        h.store.upsertListing(account, { sku: skus[i] })
      } else if (i < exact + normalised) {
        h.store.upsertListing(account, { sku: ` ${skus[i].toLowerCase().replace("-", "_")} ` })
      } else if (i < variantCount) {
        h.store.upsertListing(account, { sku: `CH-GTIN-${i}`, gtin: eans[i] })
      } else {
        h.store.upsertListing(account, { sku: `ZZ-${i}` })
      }
    }
    const [webshop] = await h.sql(`SELECT id FROM sales_channel WHERE name = 'Webshop'`)
    await h.admin("POST", "/admin/marketplace/channels", {
      name: "Match bench", code: "bench-match", provider_id: "sandbox", credentials: { api_key: KEY }, sales_channel_id: webshop.id,
    })

    log(`importing and auto-matching ${entries} catalogue entries`)
    const output = await runOk({ cmd: MEDUSA, args: ["exec", "./bench/match-exec.ts"], cwd: ROOT, env: h.env })
    const result = JSON.parse(output.split("\n").find((l) => l.startsWith("BENCH_MATCH "))!.slice("BENCH_MATCH ".length))
    const [counts] = await h.sql(
      `SELECT count(*)::int AS listings, count(variant_id)::int AS matched, count(match_suggestion)::int AS suggested
       FROM mkt_listing l JOIN mkt_channel c ON c.id = l.channel_id WHERE c.code = 'bench-match' AND l.deleted_at IS NULL`
    )
    console.log(
      JSON.stringify(
        { bench: "match", entries, variants: variantCount, expected: { exact, normalised, gtin: variantCount - exact - normalised, none: entries - variantCount }, result, stored: counts, target: "≤ 30 s and ≤ 600 MB" },
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
