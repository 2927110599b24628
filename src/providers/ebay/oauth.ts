import { ChannelError, requestJson, retryAfterMs, statusError, type FetchLike } from "../../lib/provider"

/** eBay's token endpoint on the production host (api_base_url replaces the origin). */
export const EBAY_TOKEN_URL = "https://api.ebay.com/identity/v1/oauth2/token"
/** What the adapter asks for: quantities (Sell Inventory) and orders (Sell Fulfillment). */
export const EBAY_SCOPES = ["https://api.ebay.com/oauth/api_scope/sell.inventory", "https://api.ebay.com/oauth/api_scope/sell.fulfillment"]
/** A token is used until this long before eBay says it expires (expires_in is 7200 s). */
export const TOKEN_MARGIN_MS = 5 * 60 * 1_000

export type EbayAppCredentials = { client_id: string; client_secret: string; refresh_token: string }

type TokenAnswer = { access_token?: string; expires_in?: number; token_type?: string; error?: string; error_description?: string }
type Cached = { token: string; expires_at: number }

/**
 * User access tokens from the refresh-token grant, cached per (client, refresh token) until
 * {@link TOKEN_MARGIN_MS} before they expire. Concurrent callers share one exchange in flight, and
 * `refresh(stale)` (after a 401) exchanges again only if no one has replaced the stale token yet,
 * so a burst of 401s costs one exchange.
 */
export class EbayTokenSource {
  private readonly cache = new Map<string, Cached>()
  private readonly inflight = new Map<string, Promise<Cached>>()

  constructor(
    private readonly options: { token_url: string; timeout_ms: number; fetch?: FetchLike; now?: () => number }
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  async token(creds: EbayAppCredentials): Promise<string> {
    const key = cacheKey(creds)
    const cached = this.cache.get(key)
    if (cached && cached.expires_at - TOKEN_MARGIN_MS > this.now()) {
      return cached.token
    }
    return (await this.exchange(creds)).token
  }

  /** The API refused `stale` (401): drop it and exchange once, shared with anyone else who saw it. */
  async refresh(creds: EbayAppCredentials, stale: string): Promise<string> {
    const key = cacheKey(creds)
    const cached = this.cache.get(key)
    if (cached && cached.token !== stale) {
      return cached.token
    }
    if (cached?.token === stale) {
      this.cache.delete(key)
    }
    return (await this.exchange(creds)).token
  }

  private exchange(creds: EbayAppCredentials): Promise<Cached> {
    const key = cacheKey(creds)
    const running = this.inflight.get(key)
    if (running) {
      return running
    }
    const promise = this.post(creds)
      .then((cached) => {
        this.cache.set(key, cached)
        return cached
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise)
    return promise
  }

  private async post(creds: EbayAppCredentials): Promise<Cached> {
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: creds.refresh_token, scope: EBAY_SCOPES.join(" ") })
    const answer = await requestJson<TokenAnswer>(this.options.token_url, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${creds.client_id}:${creds.client_secret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form.toString(),
      timeout_ms: this.options.timeout_ms,
      label: "eBay token exchange",
      fetch: this.options.fetch,
      accept: [400, 401, 403, 429],
    })
    const body = answer.body ?? {}
    if (answer.status === 429) {
      throw ChannelError.rateLimited("eBay refused the token exchange: too many token requests", retryAfterMs(answer.headers.get("retry-after")), "HTTP_429")
    }
    if (answer.status !== 200) {
      // invalid_grant (refresh token revoked or expired), invalid_client (wrong id or secret),
      // invalid_scope: all need someone to re-authorise, none is worth a retry.
      const code = typeof body.error === "string" ? body.error : `HTTP_${answer.status}`
      const message = `eBay refused the token exchange (${code}): ${body.error_description ?? "the refresh token or the app keys were not accepted"}`
      throw answer.status === 400 || answer.status === 401 || answer.status === 403 ? ChannelError.auth(message, code) : statusError(answer.status, answer.headers, { message, code })
    }
    if (typeof body.access_token !== "string" || !body.access_token) {
      throw ChannelError.transient("eBay answered the token exchange without an access_token", "MALFORMED_RESPONSE")
    }
    const lifetimeS = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 7_200
    return { token: body.access_token, expires_at: this.now() + lifetimeS * 1_000 }
  }
}

function cacheKey(creds: EbayAppCredentials): string {
  return `${creds.client_id}\u0000${creds.client_secret}\u0000${creds.refresh_token}`
}
