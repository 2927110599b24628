import { createHash } from "node:crypto"
import { ChannelError, requestJson, withBaseUrl, type FetchLike } from "../../lib/provider"

/** Login with Amazon's token endpoint (channels.md §2.1). */
export const LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token"
/** A cached token is dropped this long before Amazon says it expires. */
export const EXPIRY_MARGIN_MS = 60_000

export type LwaCredentials = { lwa_client_id: string; lwa_client_secret: string; refresh_token: string }
/** `fresh`: the caller waited on an exchange (its own or a concurrent caller's), so a refusal is not staleness. */
export type LwaToken = { token: string; fresh: boolean }

type Entry = { pending: Promise<string>; token?: string; expires_at?: number }

/**
 * Access tokens from the refresh-token grant, one cache entry per credential set: a token is
 * reused until 60 s before its `expires_in`, and concurrent callers share one in-flight exchange.
 */
export class LwaTokens {
  /** Exchanges made (tests and logs). */
  exchanges = 0
  private readonly cache = new Map<string, Entry>()
  private readonly url: URL

  constructor(private readonly options: { auth_base_url?: string | null; timeout_ms: number; fetch?: FetchLike }) {
    this.url = withBaseUrl(LWA_TOKEN_URL, options.auth_base_url)
  }

  async get(creds: LwaCredentials): Promise<LwaToken> {
    const key = cacheKey(creds)
    const entry = this.cache.get(key)
    if (entry?.token && entry.expires_at !== undefined && entry.expires_at - EXPIRY_MARGIN_MS > Date.now()) {
      return { token: entry.token, fresh: false }
    }
    if (entry && !entry.token) {
      return { token: await entry.pending, fresh: true }
    }
    const next: Entry = { pending: this.exchange(creds) }
    this.cache.set(key, next)
    next.pending.then(
      () => undefined,
      () => this.cache.get(key) === next && this.cache.delete(key)
    )
    return { token: await next.pending, fresh: true }
  }

  /** Forgets `token` if it is still the cached one (a refusal of an older token changes nothing). */
  invalidate(creds: LwaCredentials, token: string): void {
    const key = cacheKey(creds)
    if (this.cache.get(key)?.token === token) {
      this.cache.delete(key)
    }
  }

  private async exchange(creds: LwaCredentials): Promise<string> {
    const key = cacheKey(creds)
    this.exchanges++
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: creds.refresh_token,
      client_id: creds.lwa_client_id,
      client_secret: creds.lwa_client_secret,
    })
    let answer
    try {
      answer = await requestJson<{ access_token?: unknown; expires_in?: unknown }>(this.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
        body: form.toString(),
        timeout_ms: this.options.timeout_ms,
        label: "Amazon LWA token",
        fetch: this.options.fetch,
        failure: (body) => {
          const b = body as { error?: unknown; error_description?: unknown } | undefined
          return { code: typeof b?.error === "string" ? b.error : undefined, message: typeof b?.error_description === "string" ? `Login with Amazon: ${b.error_description}` : undefined }
        },
      })
    } catch (error) {
      // LWA answers 400 invalid_grant for a revoked refresh token and 401 invalid_client for a bad secret.
      if (error instanceof ChannelError && error.kind === "rejected") {
        throw ChannelError.auth(error.message, error.code)
      }
      throw error
    }
    const { access_token, expires_in } = answer.body ?? {}
    if (typeof access_token !== "string" || !access_token) {
      throw ChannelError.transient("Amazon LWA token answer has no access_token", "MALFORMED_RESPONSE")
    }
    const seconds = typeof expires_in === "number" && expires_in > 0 ? expires_in : 3_600
    const entry = this.cache.get(key)
    if (entry) {
      entry.token = access_token
      entry.expires_at = Date.now() + seconds * 1_000
    }
    return access_token
  }
}

function cacheKey(creds: LwaCredentials): string {
  return createHash("sha256").update(`${creds.lwa_client_id}\u0000${creds.lwa_client_secret}\u0000${creds.refresh_token}`).digest("hex")
}
