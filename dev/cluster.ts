import { CLUSTER_ADMIN, startCluster } from "./cluster-lib"

/**
 * `npm run cluster`: the scale-out topology on this machine, on the demo store: one `server`
 * (HTTP API) and two `worker` instances (subscribers, scheduled jobs, pushes) sharing the Redis
 * event bus, workflow engine and locking at REDIS_URL (default redis://127.0.0.1:6379). Ctrl+C
 * stops them all. CLUSTER_WORKERS changes the number of workers.
 */
async function main() {
  const log = (message: string) => process.stdout.write(`[cluster] ${message}\n`)
  const workers = Number(process.env.CLUSTER_WORKERS || 2)
  const cluster = await startCluster({
    name: "demo",
    workers,
    fresh: false,
    ports: { server: Number(process.env.PORT || 9000), workers: Array.from({ length: workers }, (_, i) => 9001 + i), sandbox: Number(process.env.SANDBOX_PORT || 9911) },
    log,
    onOutput: (instance, chunk) => chunk.split("\n").filter(Boolean).forEach((line) => process.stdout.write(`[${instance}] ${line}\n`)),
  })
  log(`ready: API ${cluster.baseUrl} (login ${CLUSTER_ADMIN.email} / ${CLUSTER_ADMIN.password}), sandbox ${cluster.sandbox.url}/`)
  log(`instances: ${cluster.instances.map((i) => `${i.name} (${i.mode}, :${i.port})`).join(", ")}; Redis ${cluster.redisUrl}`)
  log("stop with Ctrl+C")
  const stop = async () => {
    log("stopping")
    await cluster.stop()
    process.exit(0)
  }
  process.on("SIGINT", () => void stop())
  process.on("SIGTERM", () => void stop())
}

main().catch((error) => {
  process.stderr.write(`[cluster] ${(error as Error).message}\n`)
  process.exit(1)
})
