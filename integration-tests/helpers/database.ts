import { Client } from "pg"

/** The server the global setup picked (DB_* env), as a URL for a database on it. */
export function testDatabaseUrl(name: string): string {
  const { DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD } = process.env
  const auth = DB_PASSWORD ? `${DB_USERNAME}:${encodeURIComponent(DB_PASSWORD)}` : DB_USERNAME
  return `postgres://${auth}@${DB_HOST}:${DB_PORT}/${name}`
}

/** Drops and creates a database on the test server, for tests that run their own Medusa. */
export async function recreateDatabase(name: string): Promise<string> {
  const client = new Client({ connectionString: testDatabaseUrl("postgres") })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  return testDatabaseUrl(name)
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl("postgres") })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end())
}
