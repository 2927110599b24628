import { spawnSync } from "node:child_process"
import path from "node:path"
import { resolveDatabase } from "./database"

/** `npm run db:generate`: `medusa plugin:db:generate` against whichever PostgreSQL the tests use. */
async function main() {
  const target = await resolveDatabase({
    embeddedDir: path.join(__dirname, "..", ".data", "postgres-test"),
    embeddedPort: Number(process.env.EMBEDDED_POSTGRES_TEST_PORT || 54329),
    log: (message) => process.stderr.write(`${message}\n`),
  })
  const result = spawnSync("npx", ["medusa", "plugin:db:generate"], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      DB_HOST: target.host,
      DB_PORT: String(target.port),
      DB_USERNAME: target.user,
      DB_PASSWORD: target.password,
    },
  })
  await target.stop()
  process.exit(result.status ?? 1)
}

void main()
