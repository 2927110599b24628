/**
 * Calls of a script (benchmarks, cluster tools) to a running app's admin API with a bearer
 * token: JSON in and out, and an error naming the call and its answer when it is not 2xx.
 */
export function adminApi(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await response.json().catch(() => ({}))
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
    }
    return json
  }
}
