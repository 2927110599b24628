import type { DatabaseTarget } from "../dev/database"

export default async function globalTeardown(): Promise<void> {
  const target = (globalThis as { __testDatabase?: DatabaseTarget }).__testDatabase
  await target?.stop()
}
