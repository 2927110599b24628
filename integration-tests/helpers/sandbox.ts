import { SandboxServer, startSandbox } from "../../sandbox/server"

/**
 * Starts a sandbox marketplace for the test file and points the app at it: medusa-config.ts reads
 * SANDBOX_URL when the runner loads the app (in the runner's own beforeAll, which runs after
 * this one). Returns the server; its members can be used once beforeAll has run.
 */
export function useSandbox(): SandboxServer {
  let server: SandboxServer | undefined
  beforeAll(async () => {
    server = await startSandbox()
    process.env.SANDBOX_URL = server.url
  })
  afterAll(async () => {
    await server?.close()
  })
  return new Proxy({} as SandboxServer, {
    get: (_, key) => {
      if (!server) {
        throw new Error("the sandbox is used before beforeAll started it")
      }
      return server[key as keyof SandboxServer]
    },
  })
}
