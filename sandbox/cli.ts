import { startSandbox } from "./server"
import { SandboxStore } from "./store"

/**
 * `npm run sandbox`: the sandbox marketplace on its own. SANDBOX_PORT sets the port (default
 * 9911); SANDBOX_ACCOUNTS seeds seller accounts as `key:Name` pairs separated by commas.
 */
async function main() {
  const store = new SandboxStore()
  const accounts = (process.env.SANDBOX_ACCOUNTS ?? "sandbox-key:Sandbox seller").split(",")
  for (const entry of accounts.filter(Boolean)) {
    const [api_key, name] = entry.split(":")
    store.addAccount({ api_key, name })
  }
  const server = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 9911), store })
  process.stdout.write(`Sandbox marketplace listening on ${server.url} (page: ${server.url}/, port ${server.port})\n`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
