import path from "node:path"
import { resolveDatabase } from "../dev/database"

/**
 * Picks the test database once for the whole run and hands it to @medusajs/test-utils through
 * DB_* (which it reads when it loads, so this must happen before any test file runs).
 */
export default async function globalSetup(): Promise<void> {
  const target = await resolveDatabase({
    embeddedDir: path.join(__dirname, "..", ".data", "postgres-test"),
    embeddedPort: Number(process.env.EMBEDDED_POSTGRES_TEST_PORT || 54329),
    log: (message) => process.stderr.write(`[test database] ${message}\n`),
  })
  // test-utils turns on SSL for any host but "localhost", which a local server refuses.
  process.env.DB_HOST = target.host === "127.0.0.1" ? "localhost" : target.host
  process.env.DB_PORT = String(target.port)
  process.env.DB_USERNAME = target.user
  process.env.DB_PASSWORD = target.password
  process.env.TEST_DATABASE_SOURCE = target.source
  ;(globalThis as { __testDatabase?: typeof target }).__testDatabase = target
  process.stderr.write(
    `[test database] ${target.source}: postgres://${target.user}@${target.host}:${target.port}\n`
  )
}
