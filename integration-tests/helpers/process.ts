import { ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"

export type Command = { cmd: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv }

/** Runs a command to its end; resolves with its output, rejects with the output's tail on failure. */
export function run({ cmd, args, cwd, env }: Command): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("close", (code) => resolve({ code: code ?? 1, output }))
  })
}

export async function runOk(command: Command): Promise<string> {
  const { code, output } = await run(command)
  if (code !== 0) {
    throw new Error(`\`${command.cmd} ${command.args.join(" ")}\` exited with ${code}:\n${output.slice(-4_000)}`)
  }
  return output
}

export type Server = {
  process: ChildProcess
  output: () => string
  stop(): Promise<void>
  /** `kill -9` of the whole process group: no shutdown hook runs. */
  kill(): void
}

/**
 * Starts a long-running command in its own process group (so that stopping it also stops the
 * children `medusa develop` leaves holding the port) and waits until `readyUrl` answers.
 */
export async function startServer(
  command: Command & { readyUrl: string; timeoutMs?: number; onOutput?: (chunk: string) => void }
): Promise<Server> {
  const child = spawn(command.cmd, command.args, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  let output = ""
  const collect = (chunk: Buffer) => {
    output += chunk
    command.onOutput?.(chunk.toString())
  }
  child.stdout!.on("data", collect)
  child.stderr!.on("data", collect)
  let exited = false
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())))
  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 10_000))])
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {
        // stopped in time
      }
    }
  }
  const deadline = Date.now() + (command.timeoutMs ?? 180_000)
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`\`${command.cmd} ${command.args.join(" ")}\` exited before it was ready:\n${output.slice(-4_000)}`)
    }
    try {
      const response = await fetch(command.readyUrl)
      if (response.status < 500) {
        const kill = () => {
          try {
            process.kill(-child.pid!, "SIGKILL")
          } catch {
            // already gone
          }
        }
        return { process: child, output: () => output, stop, kill }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error(`\`${command.cmd}\` was not ready at ${command.readyUrl} in time:\n${output.slice(-4_000)}`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
