import { ChannelError, requestJson, retryAfterMs, withBaseUrl, type FailureDetail, type FetchLike, type JsonAnswer } from "../../lib/provider"
import { LwaTokens, type LwaCredentials } from "./lwa"

/** SP-API regional hosts (channels.md §2.1). */
export const REGION_HOSTS = {
  na: "https://sellingpartnerapi-na.amazon.com",
  eu: "https://sellingpartnerapi-eu.amazon.com",
  fe: "https://sellingpartnerapi-fe.amazon.com",
} as const
export type AmazonRegion = keyof typeof REGION_HOSTS

/** The operations the adapter calls, with their usage plans (rate per second, burst). */
export const USAGE_PLANS = {
  patchListingsItem: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
} as const
export type AmazonOperation = keyof typeof USAGE_PLANS

export type AmazonCall = {
  operation: AmazonOperation
  method: "GET" | "PATCH"
  path: string
  query?: Record<string, string | undefined>
  body?: unknown
}

/** The narrow surface the service needs. */
export type AmazonHttp = {
  call<T>(creds: LwaCredentials, call: AmazonCall): Promise<JsonAnswer<T>>
}

export type AmazonClientOptions = {
  region: AmazonRegion
  api_base_url?: string | null
  auth_base_url?: string | null
  timeout_ms: number
  fetch?: FetchLike
  /** Waits for one throttle in a row without Retry-After: base · 2^n, with up to 25 % jitter. */
  backoff_base_ms?: number
}

const MAX_BACKOFF_MS = 60_000
/** Our own pace stays a little under each usage plan, so that clock skew does not earn a 429. */
const PACE_MARGIN = 0.9

/**
 * HTTP to SP-API: the LWA access token in `x-amz-access-token` (refreshed once and the call
 * retried once when a cached token is refused), every call paced by its operation's usage plan,
 * SP-API's `ErrorList` read into the error, and a 429 without Retry-After (SP-API never sends
 * one) turned into an exponential wait with jitter that grows with consecutive throttles.
 */
export class AmazonClient implements AmazonHttp {
  readonly lwa: LwaTokens
  private readonly buckets = new Map<AmazonOperation, { tokens: number; at: number }>()
  private readonly throttled = new Map<AmazonOperation, number>()

  constructor(private readonly options: AmazonClientOptions) {
    this.lwa = new LwaTokens({ auth_base_url: options.auth_base_url, timeout_ms: options.timeout_ms, fetch: options.fetch })
  }

  async call<T>(creds: LwaCredentials, call: AmazonCall): Promise<JsonAnswer<T>> {
    const first = await this.lwa.get(creds)
    try {
      return await this.send<T>(first.token, call)
    } catch (error) {
      if (!(error instanceof ChannelError) || error.kind !== "auth" || first.fresh) {
        throw error
      }
      // A cached token refused: it expired or was revoked early. One refresh, one retry.
      this.lwa.invalidate(creds, first.token)
      const again = await this.lwa.get(creds)
      return this.send<T>(again.token, call)
    }
  }

  private async send<T>(token: string, call: AmazonCall): Promise<JsonAnswer<T>> {
    const url = withBaseUrl(new URL(call.path, REGION_HOSTS[this.options.region]), this.options.api_base_url)
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value)
    }
    await this.pace(call.operation)
    const answer = await requestJson<T>(url, {
      method: call.method,
      headers: { "x-amz-access-token": token, "x-amz-date": amzDate(), "user-agent": "medusa-marketplace-sync (Language=TypeScript)" },
      body: call.body,
      timeout_ms: this.options.timeout_ms,
      label: `Amazon ${call.operation}`,
      failure: spErrorDetail,
      accept: [429],
      fetch: this.options.fetch,
    })
    if (answer.status === 429) {
      throw this.throttle(call.operation, answer, url)
    }
    this.throttled.delete(call.operation)
    return answer
  }

  /** The Retry-After wait when the answer has one; otherwise 1 s, 2 s, 4 s … with jitter. */
  private throttle(operation: AmazonOperation, answer: JsonAnswer<unknown>, url: URL): ChannelError {
    const n = this.throttled.get(operation) ?? 0
    this.throttled.set(operation, n + 1)
    const detail = spErrorDetail(answer.body)
    const code = detail.code ?? "QuotaExceeded"
    const message = `${detail.message ?? "You exceeded your quota for the requested resource."} (${operation} ${url.pathname})`
    const header = answer.headers.get("retry-after")
    if (header?.trim()) {
      return ChannelError.rateLimited(message, retryAfterMs(header), code)
    }
    const base = Math.min(MAX_BACKOFF_MS, (this.options.backoff_base_ms ?? 1_000) * 2 ** n)
    return ChannelError.rateLimited(message, Math.round(base * (1 + Math.random() * 0.25)), code)
  }

  /** A reservation token bucket per operation: each call takes a token, waiting when none is left. */
  private async pace(operation: AmazonOperation): Promise<void> {
    const plan = USAGE_PLANS[operation]
    const rate = (plan.rate * PACE_MARGIN) / 1_000
    const now = Date.now()
    const bucket = this.buckets.get(operation) ?? { tokens: plan.burst, at: now }
    bucket.tokens = Math.min(plan.burst, bucket.tokens + (now - bucket.at) * rate) - 1
    bucket.at = now
    this.buckets.set(operation, bucket)
    if (bucket.tokens < 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(-bucket.tokens / rate)))
    }
  }
}

/** SP-API failures are `{ errors: [{ code, message, details }] }`. */
export function spErrorDetail(body: unknown): FailureDetail {
  const first = (body as { errors?: { code?: unknown; message?: unknown; details?: unknown }[] } | undefined)?.errors?.[0]
  if (!first) return {}
  const message = typeof first.message === "string" ? first.message : undefined
  const details = typeof first.details === "string" && first.details.trim() ? first.details.trim() : undefined
  return { code: typeof first.code === "string" ? first.code : undefined, message: message && details ? `${message} ${details}` : message ?? details }
}

function amzDate(): string {
  return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")
}
