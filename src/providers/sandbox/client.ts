import { ChannelError, retryAfterMs } from "../../lib/provider"

/** The narrow surface the sandbox service needs; a test can hand the service another one. */
export type SandboxHttp = {
  request<T>(method: string, path: string, init: { apiKey: string; body?: unknown }): Promise<T>
}

/** HTTP to the sandbox marketplace: API-key auth, timeouts, and one error mapping for every call. */
export class SandboxClient implements SandboxHttp {
  constructor(private readonly baseUrl: string, private readonly timeoutMs: number) {}

  async request<T>(method: string, path: string, init: { apiKey: string; body?: unknown }): Promise<T> {
    let response: Response
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { "x-api-key": init.apiKey, "content-type": "application/json", accept: "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      const reason = (error as Error).name === "TimeoutError" ? `timed out after ${this.timeoutMs} ms` : (error as Error).message
      throw ChannelError.transient(`Sandbox ${method} ${path}: ${reason}`, "NETWORK")
    }
    const text = await response.text().catch(() => "")
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      throw ChannelError.transient(`Sandbox ${method} ${path} answered ${response.status} with a malformed body`, "MALFORMED_RESPONSE")
    }
    if (!response.ok) {
      throw mapFailure(response, json)
    }
    return json as T
  }
}

export function mapFailure(response: Response, body: unknown): ChannelError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error
  const code = error?.code ?? `HTTP_${response.status}`
  const message = error?.message ?? response.statusText ?? `HTTP ${response.status}`
  switch (true) {
    case response.status === 401 || response.status === 403:
      return ChannelError.auth(message, code)
    case response.status === 429:
      return ChannelError.rateLimited(message, retryAfterMs(response.headers.get("retry-after")), code)
    case response.status === 404:
      return ChannelError.notFound(message, code)
    case response.status >= 500:
      return ChannelError.transient(message, code)
    default:
      return ChannelError.rejected(message, code)
  }
}
