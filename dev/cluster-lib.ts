import path from "node:path"
import Redis from "ioredis"
import { Client } from "pg"
import { adminApi } from "../integration-tests/helpers/admin-api"
import { freePort, runOk, Server, startServer } from "../integration-tests/helpers/process"
import { startSandbox, SandboxServer } from "../sandbox/server"
import { SandboxStore } from "../sandbox/store"
import { resolveDatabase } from "./database"

export const ROOT = path.join(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
export const CLUSTER_ADMIN = { email: "cluster@example.com", password: "cluster-password-1" }

export type Instance = { name: string; mode: "server" | "worker"; port: number; server: Server | null }

export type Cluster = {
  baseUrl: string
  sandbox: SandboxServer
  databaseUrl: string
  redisUrl: string
  instances: Instance[]
  /** Process ids of the instances killed so far (a job tick they held may be delivered again). */
  killedPids: number[]
  env: NodeJS.ProcessEnv
  /** `kill -9` of the instance's whole process group (Medusa and its children). */
  kill(name: string): void
  /** Starts a stopped or killed instance again and waits until it answers. */
  start(name: string): Promise<void>
  admin(method: string, path: string, body?: unknown): Promise<any>
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>
  stop(): Promise<void>
}

export type ClusterOptions = {
  /** Names the database (`medusa_marketplace_<name>`) and, for fresh runs, is dropped first. */
  name: string
  workers: number
  /** Keep an existing database (the demo's); otherwise start from an empty one. */
  fresh: boolean
  redisUrl?: string
  /** Redis database index, flushed first for fresh runs so that no earlier run's jobs remain. */
  redisDb?: number
  ports?: { server?: number; workers?: number[]; sandbox?: number }
  sandboxStore?: SandboxStore
  /** Extra environment for every instance. */
  env?: Record<string, string>
  log: (message: string) => void
  /** Where each instance's output goes (default: kept in memory only). */
  onOutput?: (instance: string, chunk: string) => void
}

/** Fails with a plain message when nothing answers at the Redis URL. */
export async function assertRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  // The failure is reported below, once, in plain words.
  client.on("error", () => undefined)
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new Error(`Redis does not answer at ${url} (${(error as Error).message}). Start one (redis-server) or set REDIS_URL.`)
  } finally {
    client.disconnect()
  }
}

async function flushRedis(url: string) {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  await client.flushdb()
  client.disconnect()
}

/**
 * One `server` and N `worker` instances of the repository's app on the Redis event bus,
 * workflow engine and locking module, against the demo store and a sandbox marketplace running
 * in this process (so that its records of every push can be read directly).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log
  const baseRedis = options.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL
  await assertRedis(baseRedis)
  const redisUrl = options.redisDb !== undefined ? `${baseRedis.replace(/\/\d*$/, "")}/${options.redisDb}` : baseRedis
  if (options.fresh) {
    await flushRedis(redisUrl)
  }

  const database = await resolveDatabase({
    embeddedDir: path.join(ROOT, ".data", "postgres-demo"),
    embeddedPort: Number(process.env.EMBEDDED_POSTGRES_DEMO_PORT || 54328),
    log,
  })
  const dbName = `medusa_marketplace_${options.name}`
  if (options.fresh) {
    const admin = new Client({ connectionString: database.urlFor("postgres") })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${dbName}"`)
    await admin.end()
  } else {
    await database.ensureDatabase(dbName)
  }
  const databaseUrl = process.env.DATABASE_URL && !options.fresh ? process.env.DATABASE_URL : database.urlFor(dbName)

  const store = options.sandboxStore ?? new SandboxStore()
  if (!store.accounts.size) {
    store.addAccount({ api_key: "demo-eu-api-key-0001", name: "Sandbox EU seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
    store.addAccount({ api_key: "demo-outlet-api-key-0002", name: "Sandbox Outlet seller" })
  }
  const sandbox = await startSandbox({ port: options.ports?.sandbox ?? (await freePort()), store })

  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: databaseUrl,
    SANDBOX_URL: sandbox.url,
    SANDBOX_FEEDS_PROVIDER: "1",
    REDIS_URL: redisUrl,
    NODE_ENV: "development",
    DISABLE_MEDUSA_ADMIN: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    MARKETPLACE_ENCRYPTION_KEY: process.env.MARKETPLACE_ENCRYPTION_KEY ?? Buffer.alloc(32, 5).toString("base64"),
    NODE_OPTIONS: "",
    ...options.env,
  }
  log("migrating and seeding the demo store")
  await runOk({ cmd: MEDUSA, args: ["db:migrate"], cwd: ROOT, env })
  await runOk({
    cmd: MEDUSA,
    args: ["exec", "./dev/seed-demo.ts"],
    cwd: ROOT,
    env: { ...env, DEMO_ADMIN_EMAIL: CLUSTER_ADMIN.email, DEMO_ADMIN_PASSWORD: CLUSTER_ADMIN.password },
  })

  const instances: Instance[] = [
    { name: "server", mode: "server", port: options.ports?.server ?? (await freePort()), server: null },
  ]
  for (let i = 0; i < options.workers; i++) {
    instances.push({ name: `worker-${i + 1}`, mode: "worker", port: options.ports?.workers?.[i] ?? (await freePort()), server: null })
  }
  const byName = (name: string) => {
    const instance = instances.find((x) => x.name === name)
    if (!instance) {
      throw new Error(`no instance ${name}`)
    }
    return instance
  }
  const start = async (name: string) => {
    const instance = byName(name)
    instance.server = await startServer({
      cmd: MEDUSA,
      args: ["start"],
      cwd: ROOT,
      env: { ...env, PORT: String(instance.port), MEDUSA_WORKER_MODE: instance.mode },
      readyUrl: `http://localhost:${instance.port}/health`,
      onOutput: options.onOutput ? (chunk) => options.onOutput!(name, chunk) : undefined,
    })
  }
  log(`starting ${instances.map((i) => `${i.name} (:${i.port})`).join(", ")} on ${redisUrl}`)
  // One at a time: two cold boots at once on two cores take longer than one after the other.
  for (const instance of instances) {
    await start(instance.name)
  }
  const baseUrl = `http://localhost:${byName("server").port}`
  const login = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(CLUSTER_ADMIN),
  })
  const { token } = (await login.json()) as { token: string }
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  const killedPids: number[] = []

  return {
    baseUrl,
    sandbox,
    databaseUrl,
    redisUrl,
    instances,
    killedPids,
    env,
    kill(name) {
      const instance = byName(name)
      if (instance.server?.process.pid) {
        killedPids.push(instance.server.process.pid)
      }
      instance.server?.kill()
      instance.server = null
    },
    start,
    admin: adminApi(baseUrl, token),
    async sql(text, params) {
      return (await pg.query(text, params as unknown[])).rows
    },
    async stop() {
      await pg.end().catch(() => undefined)
      await Promise.all(instances.map((i) => i.server?.stop()))
      await sandbox.close()
      await database.stop()
    },
  }
}
