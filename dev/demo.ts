import { ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { appendFileSync, existsSync, readFileSync } from "node:fs"
import path from "node:path"
import { startSandbox } from "../sandbox/server"
import { DEMO_SHOPS, startDemoShops, type DemoShops } from "./demo-stand-ins"
import { SandboxStore } from "../sandbox/store"
import { Client } from "pg"
import { resolveDatabase } from "./database"
import { DEMO_ACCOUNTS } from "./demo-accounts"

const ROOT = path.join(__dirname, "..")
const DB_NAME = process.env.DEMO_DB_NAME ?? "medusa_marketplace_demo"
const log = (message: string) => process.stdout.write(`[demo] ${message}\n`)

/**
 * `npm run demo`: database (embedded when none answers), migrations, a seeded store with two
 * sandbox channels, the sandbox marketplace, and Medusa with its admin. Safe to re-run.
 */
async function main() {
  const started = Date.now()
  ensureEnvFile()
  const database = await resolveDatabase({
    embeddedDir: path.join(ROOT, ".data", "postgres-demo"),
    embeddedPort: Number(process.env.EMBEDDED_POSTGRES_DEMO_PORT || 54328),
    log,
  })
  const children: ChildProcess[] = []
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
  let shops: DemoShops | undefined
  const shutdown = async (code: number) => {
    children.forEach((child) => child.pid && killGroup(child.pid))
    await sandbox?.close().catch(() => undefined)
    await shops?.shopify.close().catch(() => undefined)
    await shops?.woo.close().catch(() => undefined)
    await database.stop().catch(() => undefined)
    process.exit(code)
  }
  process.on("SIGINT", () => void shutdown(0))
  process.on("SIGTERM", () => void shutdown(0))

  try {
    // An explicit DATABASE_URL names its own database; otherwise the demo uses its own one.
    const databaseUrl = process.env.DATABASE_URL ?? database.urlFor(DB_NAME)
    if (!process.env.DATABASE_URL) {
      await database.ensureDatabase(DB_NAME)
    }
    const store = new SandboxStore()
    store.addAccount({ api_key: DEMO_ACCOUNTS.eu.api_key, name: DEMO_ACCOUNTS.eu.name, locations: DEMO_ACCOUNTS.eu.locations.map((code) => ({ code })) })
    store.addAccount({ api_key: DEMO_ACCOUNTS.outlet.api_key, name: DEMO_ACCOUNTS.outlet.name })
    sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 9911), store })
    log(`sandbox marketplace on ${sandbox.url}`)

    shops = await startDemoShops()
    log(`Shopify stand-in on ${shops.shopify.url}, WooCommerce stand-in on ${shops.woo.url}`)

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SANDBOX_URL: sandbox.url,
      MEDUSA_DISABLE_TELEMETRY: "true",
      MARKETPLACE_SHOPIFY_API_BASE_URL: shops.shopify.url,
      MARKETPLACE_WOOCOMMERCE_API_BASE_URL: shops.woo.url,
      // The seed makes a Shopify and a WooCommerce channel on these shops.
      DEMO_SHOPIFY_LOCATIONS: shops.shopifyLocations.join(","),
    }
    log("running migrations")
    await run(["medusa", "db:migrate"], env, children)
    log("seeding the demo store")
    await run(["medusa", "exec", "./dev/seed-demo.ts"], env, children)

    const port = process.env.PORT ?? "9000"
    log(`starting Medusa on port ${port} (ready after ${Math.round((Date.now() - started) / 1000)} s of setup)`)
    const medusa = spawn("npx", ["medusa", "develop"], { cwd: ROOT, env: { ...env, PORT: port }, stdio: "inherit", detached: true })
    children.push(medusa)
    void waitForHealth(`http://localhost:${port}/health`).then((ok) => {
      if (ok) {
        log(`ready in ${Math.round((Date.now() - started) / 1000)} s`)
        log(`admin:    http://localhost:${port}/app  (login ${process.env.DEMO_ADMIN_EMAIL ?? "admin@example.com"} / ${process.env.DEMO_ADMIN_PASSWORD ?? "supersecret"})`)
        log(`sandbox:  ${sandbox!.url}/  (the marketplace's stock page)`)
        void startOrderFeed(store, databaseUrl, port).catch((error) => log(`order feed: ${(error as Error).message}`))
        void connectShopWebhooks(shops!, databaseUrl, port).catch((error) => log(`shop webhooks: ${(error as Error).message}`))
        log("stop with Ctrl+C")
      }
    })
    medusa.on("exit", (code) => void shutdown(code ?? 0))
  } catch (error) {
    process.stderr.write(`[demo] ${(error as Error).message}\n`)
    await shutdown(1)
  }
}

/**
 * The Outlet's buyers: its webhooks are pointed at the app, then two orders arrive. OUT-1001
 * (2 × T-shirt M) becomes a Medusa order and Sandbox EU's TSHIRT-M drops; OUT-1002 has a line
 * for the unmatched OUT-MYSTERY-BOX and waits in Unmatched Orders with its T-shirt L held.
 * The order ids are fixed, so a restart delivers them again and nothing is imported twice.
 */
async function startOrderFeed(store: SandboxStore, databaseUrl: string, port: string) {
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  try {
    const { rows } = await pg.query(`SELECT id FROM mkt_channel WHERE code = 'sandbox-outlet' AND order_import_enabled AND deleted_at IS NULL`)
    const outlet = store.accounts.get(DEMO_ACCOUNTS.outlet.api_key)
    if (!rows.length || !outlet) {
      return
    }
    outlet.webhook = { url: `http://localhost:${port}/hooks/marketplace/${rows[0].id}`, secret: DEMO_ACCOUNTS.outlet.webhook_secret, duplicate: false }
    store.placeOrder(outlet, [{ sku: "OUT-TSHIRT-M", quantity: 2, unit_price: 19 }], { id: "OUT-1001" })
    store.placeOrder(outlet, [{ sku: "OUT-TSHIRT-L", quantity: 1, unit_price: 19 }, { sku: "OUT-MYSTERY-BOX", quantity: 1, unit_price: 25 }], { id: "OUT-1002" })
    log("order feed: Sandbox Outlet sold 2 × OUT-TSHIRT-M (order OUT-1001: Sandbox EU's TSHIRT-M drops) and OUT-1002, which waits in Unmatched Orders")
  } finally {
    await pg.end()
  }
}

/** Points the Shopify and WooCommerce stand-ins' order webhooks at the app, as a merchant would. */
async function connectShopWebhooks(shops: DemoShops, databaseUrl: string, port: string) {
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  try {
    const { rows } = await pg.query(`SELECT id, code FROM mkt_channel WHERE code IN ('demo-shopify', 'demo-woo') AND deleted_at IS NULL`)
    const hook = (code: string) => rows.find((r) => r.code === code) && `http://localhost:${port}/hooks/marketplace/${rows.find((r) => r.code === code)!.id}`
    const shopifyHook = hook("demo-shopify")
    if (shopifyHook) {
      shops.shop.webhooks.push({ url: shopifyHook, duplicate: false })
    }
    const wooHook = hook("demo-woo")
    if (wooHook) {
      shops.woo.store.addWebhook({ topic: "order.created", delivery_url: wooHook, secret: DEMO_SHOPS.woocommerce.webhook_secret })
    }
    log("shops: Shopify and WooCommerce order webhooks point at the app")
  } finally {
    await pg.end()
  }
}

/** Creates .env with a fresh encryption key and secrets the first time; keeps what is there. */
function ensureEnvFile() {
  const file = path.join(ROOT, ".env")
  const current = existsSync(file) ? readFileSync(file, "utf8") : ""
  const wanted: Record<string, () => string> = {
    MARKETPLACE_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
    JWT_SECRET: () => randomBytes(24).toString("hex"),
    COOKIE_SECRET: () => randomBytes(24).toString("hex"),
  }
  const missing = Object.keys(wanted).filter((key) => !new RegExp(`^${key}=`, "m").test(current))
  if (missing.length) {
    appendFileSync(file, (current && !current.endsWith("\n") ? "\n" : "") + missing.map((key) => `${key}=${wanted[key]()}`).join("\n") + "\n")
    log(`wrote ${missing.join(", ")} to .env`)
  }
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = line.match(/^([A-Z0-9_]+)=(.*)$/)
    if (match && process.env[match[1]] === undefined) {
      process.env[match[1]] = match[2]
    }
  }
}

function run(args: string[], env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { cwd: ROOT, env, stdio: "inherit", detached: true })
    children.push(child)
    child.on("exit", (code) => {
      children.splice(children.indexOf(child), 1)
      code === 0 ? resolve() : reject(new Error(`\`${args.join(" ")}\` exited with ${code}`))
    })
  })
}

/** `medusa develop` leaves a child holding the port unless its whole process group is stopped. */
function killGroup(pid: number) {
  try {
    process.kill(-pid, "SIGTERM")
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, timeoutMs = 300_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) {
        return true
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  return false
}

void main()
