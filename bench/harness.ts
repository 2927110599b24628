import path from "node:path"
import { Client } from "pg"
import { adminApi } from "../integration-tests/helpers/admin-api"
import { startServer, runOk, freePort, Server } from "../integration-tests/helpers/process"
import { resolveDatabase } from "../dev/database"
import { startSandbox, SandboxServer } from "../sandbox/server"
import { SandboxStore } from "../sandbox/store"

export const ROOT = path.join(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
export const ADMIN = { email: "bench@example.com", password: "bench-password-1" }
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)

export type Harness = {
  baseUrl: string
  sandbox: SandboxServer
  store: SandboxStore
  databaseUrl: string
  /** Environment of the app's commands, for `medusa exec` scripts run against the same store. */
  env: NodeJS.ProcessEnv
  admin(method: string, path: string, body?: unknown): Promise<any>
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>
  stop(): Promise<void>
}

/**
 * The demo store on a fresh database (embedded PostgreSQL when none answers), the sandbox
 * marketplace in this process (so pushes can be timed to the millisecond), and `medusa start`.
 */
export async function startHarness(name: string, extraEnv: Record<string, string> = {}): Promise<Harness> {
  const database = await resolveDatabase({
    embeddedDir: path.join(ROOT, ".data", "postgres-bench"),
    embeddedPort: Number(process.env.EMBEDDED_POSTGRES_BENCH_PORT || 54327),
    log,
  })
  const dbName = `medusa_marketplace_bench_${name}`
  const admin = new Client({ connectionString: database.urlFor("postgres") })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${dbName}"`)
  await admin.end()
  const databaseUrl = database.urlFor(dbName)

  const store = new SandboxStore()
  store.addAccount({ api_key: "demo-eu-api-key-0001", name: "Sandbox EU seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
  store.addAccount({ api_key: "demo-outlet-api-key-0002", name: "Sandbox Outlet seller" })
  const sandbox = await startSandbox({ port: await freePort(), store })

  const env = {
    DATABASE_URL: databaseUrl,
    SANDBOX_URL: sandbox.url,
    NODE_ENV: "development",
    DISABLE_MEDUSA_ADMIN: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
    MARKETPLACE_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
    NODE_OPTIONS: "",
    ...extraEnv,
  }
  log("migrating and seeding the demo store")
  await runOk({ cmd: MEDUSA, args: ["db:migrate"], cwd: ROOT, env })
  await runOk({ cmd: MEDUSA, args: ["exec", "./dev/seed-demo.ts"], cwd: ROOT, env: { ...env, DEMO_ADMIN_EMAIL: ADMIN.email, DEMO_ADMIN_PASSWORD: ADMIN.password } })
  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  log("starting Medusa")
  const server: Server = await startServer({ cmd: MEDUSA, args: ["start"], cwd: ROOT, env: { ...env, PORT: String(port) }, readyUrl: `${baseUrl}/health` })

  const login = await fetch(`${baseUrl}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) })
  const { token } = (await login.json()) as { token: string }
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  return {
    baseUrl,
    sandbox,
    store,
    databaseUrl,
    env,
    admin: adminApi(baseUrl, token),
    async sql(text, params) {
      return (await pg.query(text, params as unknown[])).rows
    },
    async stop() {
      await pg.end().catch(() => undefined)
      await server.stop()
      await sandbox.close()
      await database.stop()
    },
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) {
    return NaN
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}
