import { ChannelError, requestJson, retryAfterMs, withBaseUrl, type FailureDetail, type FetchLike } from "../../lib/provider"
import { EBAY_TOKEN_URL, EbayTokenSource, type EbayAppCredentials } from "./oauth"

export const EBAY_API_ORIGIN = "https://api.ebay.com"
export const INVENTORY_PATH = "/sell/inventory/v1"
export const FULFILLMENT_PATH = "/sell/fulfillment/v1"
/** Without a Retry-After (eBay documents none), a 429 waits 1 s, doubling per 429 in a row. */
const FIRST_BACKOFF_MS = 1_000
const MAX_BACKOFF_MS = 60_000

export type EbayCall = {
  method: "GET" | "POST"
  /** From the origin, with its query already encoded, e.g. `/sell/inventory/v1/offer?sku=A`. */
  path: string
  body?: unknown
}

/** The narrow surface the service needs; a test can hand the service another one. */
export type EbayHttp = {
  call<T>(creds: EbayAppCredentials, call: EbayCall): Promise<{ status: number; body: T }>
  /** Runs the token exchange (or uses the cached token): what testConnection proves first. */
  token(creds: EbayAppCredentials): Promise<string>
}

export type EbayClientOptions = { api_base_url?: string | null; timeout_ms: number; fetch?: FetchLike }

/**
 * HTTP to eBay's REST APIs: a Bearer user token from {@link EbayTokenSource}, one refresh and one
 * retry after a 401 (a token eBay expired or revoked early), 429 as `rate_limited` (Retry-After
 * when eBay sends one, else 1 s doubling), and eBay's `{ errors: [{ errorId, message }] }` as the
 * failure's message and code.
 */
export class EbayClient implements EbayHttp {
  readonly tokens: EbayTokenSource
  private throttledInARow = 0

  constructor(private readonly options: EbayClientOptions) {
    this.tokens = new EbayTokenSource({
      token_url: withBaseUrl(EBAY_TOKEN_URL, options.api_base_url).toString(),
      timeout_ms: options.timeout_ms,
      fetch: options.fetch,
    })
  }

  token(creds: EbayAppCredentials): Promise<string> {
    return this.tokens.token(creds)
  }

  async call<T>(creds: EbayAppCredentials, call: EbayCall): Promise<{ status: number; body: T }> {
    const url = withBaseUrl(`${EBAY_API_ORIGIN}${call.path}`, this.options.api_base_url)
    let token = await this.tokens.token(creds)
    for (let attempt = 0; ; attempt++) {
      const answer = await requestJson<T>(url, {
        method: call.method,
        headers: { authorization: `Bearer ${token}`, "accept-language": "en-US" },
        body: call.body,
        timeout_ms: this.options.timeout_ms,
        label: `eBay ${call.method} ${call.path.split("?")[0]}`,
        failure: ebayErrorDetail,
        fetch: this.options.fetch,
        accept: [401, 429],
      })
      if (answer.status === 401) {
        if (attempt === 0) {
          token = await this.tokens.refresh(creds, token)
          continue
        }
        const detail = ebayErrorDetail(answer.body)
        throw ChannelError.auth(detail.message ?? "eBay refused a freshly issued access token", detail.code ?? "HTTP_401")
      }
      if (answer.status === 429) {
        this.throttledInARow++
        const header = answer.headers.get("retry-after")
        const wait = header ? retryAfterMs(header) : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.throttledInARow - 1))
        const detail = ebayErrorDetail(answer.body)
        throw ChannelError.rateLimited(detail.message ?? "eBay: too many requests (call quota reached)", wait, detail.code ?? "HTTP_429")
      }
      this.throttledInARow = 0
      return { status: answer.status, body: answer.body }
    }
  }
}

/** eBay answers failures as `{ errors: [{ errorId, message, longMessage }] }`. */
export function ebayErrorDetail(body: unknown): FailureDetail {
  const first = (body as { errors?: { errorId?: unknown; message?: unknown; longMessage?: unknown }[] } | null)?.errors?.[0]
  if (!first) {
    return {}
  }
  const message = typeof first.message === "string" ? first.message : typeof first.longMessage === "string" ? first.longMessage : undefined
  return { message, code: first.errorId !== undefined ? String(first.errorId) : undefined }
}
