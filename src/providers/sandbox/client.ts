import { requestJson } from "../../lib/provider"

/** The narrow surface the sandbox service needs; a test can hand the service another one. */
export type SandboxHttp = {
  request<T>(method: string, path: string, init: { apiKey: string; body?: unknown }): Promise<T>
}

/** HTTP to the sandbox marketplace: API-key auth, and the shared timeouts and error mapping. */
export class SandboxClient implements SandboxHttp {
  constructor(private readonly baseUrl: string, private readonly timeoutMs: number) {}

  async request<T>(method: string, path: string, init: { apiKey: string; body?: unknown }): Promise<T> {
    const answer = await requestJson<T>(new URL(path, this.baseUrl), {
      method,
      headers: { "x-api-key": init.apiKey },
      body: init.body,
      timeout_ms: this.timeoutMs,
      label: `Sandbox ${method} ${path}`,
      failure: (body) => {
        const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error
        return { code: error?.code, message: error?.message }
      },
    })
    return answer.body
  }
}
