import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import path from "node:path"
import { SandboxServer, startSandbox } from "../../sandbox/server"
import { dropDatabase, recreateDatabase } from "../helpers/database"
import { freePort, run, runOk, Server, startServer } from "../helpers/process"

/**
 * The plugin as a store installs it: `npm pack`, install the tarball into a throwaway host app
 * that lists it under `plugins`, migrate, boot in production mode and call its admin routes.
 *
 * The host resolves Medusa itself from this repository's node_modules (Node looks upward from
 * `.smoke/host`), so the test needs no second install of Medusa; the plugin itself comes only
 * from the tarball.
 */
jest.setTimeout(600_000)

const ROOT = path.join(__dirname, "..", "..")
const SMOKE = path.join(ROOT, ".smoke")
const HOST = path.join(SMOKE, "host")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "medusa_marketplace_smoke"
const API_KEY = "smoke-api-key-0001"
const ADMIN = { email: "smoke@example.com", password: "smoke-password-1" }

const HOST_CONFIG = `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "smoke-jwt-secret", cookieSecret: "smoke-cookie-secret" },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-marketplace-sync",
      options: {
        providers: [
          { resolve: "medusa-marketplace-sync/providers/sandbox", id: "sandbox", options: { base_url: process.env.SANDBOX_URL } },
        ],
      },
    },
  ],
})
`

let sandbox: SandboxServer
let server: Server | undefined
let hostEnv: NodeJS.ProcessEnv

beforeAll(async () => {
  sandbox = await startSandbox()
  sandbox.store.addAccount({ api_key: API_KEY, name: "Smoke seller" })

  rmSync(SMOKE, { recursive: true, force: true })
  mkdirSync(HOST, { recursive: true })
  await runOk({ cmd: "npm", args: ["run", "build"], cwd: ROOT })
  await runOk({ cmd: "npm", args: ["pack", "--pack-destination", SMOKE], cwd: ROOT })
  const tarball = readdirSync(SMOKE).find((file) => file.endsWith(".tgz"))!

  writeFileSync(path.join(HOST, "package.json"), JSON.stringify({ name: "smoke-host", private: true }))
  await runOk({
    cmd: "npm",
    args: ["install", "--no-audit", "--no-fund", "--legacy-peer-deps", path.join("..", tarball)],
    cwd: HOST,
  })
  // The CLI only runs inside a project that depends on Medusa; these resolve from the repo.
  writeFileSync(
    path.join(HOST, "package.json"),
    JSON.stringify({
      name: "smoke-host",
      private: true,
      dependencies: {
        "medusa-marketplace-sync": `file:../${tarball}`,
        "@medusajs/medusa": "2.21.2",
        "@medusajs/framework": "2.21.2",
        "@medusajs/cli": "2.21.2",
      },
    })
  )
  writeFileSync(path.join(HOST, "medusa-config.ts"), HOST_CONFIG)

  hostEnv = {
    DATABASE_URL: await recreateDatabase(DB_NAME),
    SANDBOX_URL: sandbox.url,
    NODE_OPTIONS: "",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
  }
  await runOk({ cmd: MEDUSA, args: ["db:migrate"], cwd: HOST, env: hostEnv })
  await runOk({ cmd: MEDUSA, args: ["user", "-e", ADMIN.email, "-p", ADMIN.password], cwd: HOST, env: hostEnv })
})

afterAll(async () => {
  await server?.stop()
  await sandbox?.close()
  await dropDatabase(DB_NAME).catch(() => undefined)
})

describe("the packed plugin in a host app", () => {
  it("installs only the built plugin from the tarball", () => {
    const installed = path.join(HOST, "node_modules", "medusa-marketplace-sync")
    expect(existsSync(path.join(installed, ".medusa", "server", "src", "modules", "marketplace", "index.js"))).toBe(true)
    expect(existsSync(path.join(installed, ".medusa", "server", "src", "admin", "index.mjs"))).toBe(true)
    expect(existsSync(path.join(installed, "src"))).toBe(false)
    // Provider authors import the contract from the package.
    const contract = require(require.resolve("medusa-marketplace-sync/provider", { paths: [HOST] }))
    expect(typeof contract.AbstractMarketplaceProvider).toBe("function")
    expect(typeof contract.ChannelError.rateLimited).toBe("function")
  })

  it("refuses to boot in production without an encryption key, or with bad provider options", async () => {
    const port = String(await freePort())
    const noKey = await run({ cmd: MEDUSA, args: ["start"], cwd: HOST, env: { ...hostEnv, PORT: port, NODE_ENV: "production", MARKETPLACE_ENCRYPTION_KEY: "" } })
    expect(noKey.code).not.toBe(0)
    expect(noKey.output).toContain("MARKETPLACE_ENCRYPTION_KEY is not set")

    const badOptions = await run({ cmd: MEDUSA, args: ["start"], cwd: HOST, env: { ...hostEnv, PORT: port, SANDBOX_URL: "not-a-url" } })
    expect(badOptions.code).not.toBe(0)
    expect(badOptions.output).toContain('sandbox provider: option base_url must be an http(s) URL, got "not-a-url"')
  })

  it("migrates, boots in production mode and serves the plugin's admin routes", async () => {
    const port = await freePort()
    const base = `http://localhost:${port}`
    server = await startServer({
      cmd: MEDUSA,
      args: ["start"],
      cwd: HOST,
      env: { ...hostEnv, PORT: String(port), NODE_ENV: "production", MARKETPLACE_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64") },
      readyUrl: `${base}/health`,
    })

    expect((await fetch(`${base}/admin/marketplace/channels`)).status).toBe(401)

    const login = await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" }

    const providers = await fetch(`${base}/admin/marketplace/providers`, { headers })
    expect(providers.status).toBe(200)
    expect(((await providers.json()) as { providers: { id: string }[] }).providers.map((p) => p.id)).toEqual(["sandbox"])

    const created = await fetch(`${base}/admin/marketplace/channels`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "Smoke", code: "smoke", provider_id: "sandbox", credentials: { api_key: API_KEY } }),
    })
    expect(created.status).toBe(201)
    const { channel } = (await created.json()) as { channel: { id: string; credentials: Record<string, string> } }
    expect(channel.credentials).toEqual({ api_key: "••••••••0001" })

    const connection = await fetch(`${base}/admin/marketplace/channels/${channel.id}/test-connection`, { method: "POST", headers })
    expect(await connection.json()).toEqual({ connection: expect.objectContaining({ ok: true, account: "Smoke seller" }) })
    expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.api_key}`)).toEqual([`GET /api/account ${API_KEY}`])
  })
})
