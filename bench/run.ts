import { spawnSync } from "node:child_process"
import path from "node:path"

/** `npm run bench <name>` runs bench/<name>.ts (latency, …). */
const name = process.argv[2]
const known = ["latency", "burst", "mark", "resync", "export", "reconcile", "lanes", "failover", "orders", "match", "woocommerce"]
if (!name || !known.includes(name)) {
  process.stderr.write(`usage: npm run bench <${known.join("|")}>\n`)
  process.exit(2)
}
const result = spawnSync("npx", ["ts-node", "--transpile-only", path.join(__dirname, `${name}.ts`)], { stdio: "inherit" })
process.exit(result.status ?? 1)
