import { gunzipSync } from "node:zlib"
import { ChannelError, requestJson, retryAfterMs, withBaseUrl, type FailureDetail, type FetchLike, type JsonAnswer } from "../../lib/provider"
import { LwaTokens, type LwaCredentials } from "./lwa"

/** SP-API regional hosts (channels.md §2.1). */
export const REGION_HOSTS = {
  na: "https://sellingpartnerapi-na.amazon.com",
  eu: "https://sellingpartnerapi-eu.amazon.com",
  fe: "https://sellingpartnerapi-fe.amazon.com",
} as const
export type AmazonRegion = keyof typeof REGION_HOSTS

type UsagePlan = {
  rate: number
  burst: number
  /** A call that would wait longer than this for its token is refused as rate_limited instead (slow plans). */
  max_wait_ms?: number
  /** The first wait after a 429, as a multiple of `backoff_base_ms`, and the longest. */
  backoff_factor?: number
  max_backoff_ms?: number
}

/**
 * The operations the adapter calls, with their usage plans (rate per second, burst; channels.md
 * §2.2–2.5 and the feeds model). A rate Amazon reports in `x-amzn-RateLimit-Limit` replaces the
 * table's for that operation (sellers with higher plans get their plan).
 */
export const USAGE_PLANS: Record<AmazonOperation, UsagePlan> = {
  patchListingsItem: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  createFeedDocument: { rate: 0.5, burst: 15, max_wait_ms: 5_000 },
  // JSON_LISTINGS_FEED has its own cap instead of createFeed's plan: FEED_WINDOW below. Amazon
  // says to wait at least a minute after a 429 on it.
  createFeed: { rate: 5 / 300, burst: 5, max_wait_ms: 0, backoff_factor: 60, max_backoff_ms: 300_000 },
  getFeed: { rate: 2, burst: 15, max_wait_ms: 2_000 },
  getFeedDocument: { rate: 0.0222, burst: 10, max_wait_ms: 2_000 },
}
export type AmazonOperation =
  | "patchListingsItem" | "getListingsItem" | "searchListingsItems" | "getOrders" | "getOrderItems" | "getMarketplaceParticipations"
  | "createFeedDocument" | "createFeed" | "getFeed" | "getFeedDocument"

/**
 * JSON_LISTINGS_FEED: at most 5 submissions per 5 minutes per selling partner and application.
 * Kept as a sliding window (stricter than a bucket of 5), per seller, in this process.
 */
export const FEED_WINDOW = { count: 5, ms: 300_000 }

export type AmazonCall = {
  operation: AmazonOperation
  method: "GET" | "PATCH" | "POST"
  path: string
  query?: Record<string, string | undefined>
  body?: unknown
  /** Whose limits the call counts toward where a limit is kept per seller (createFeed's window). */
  scope?: string
}

/** The narrow surface the service needs. */
export type AmazonHttp = {
  call<T>(creds: LwaCredentials, call: AmazonCall): Promise<JsonAnswer<T>>
  /** Ms until `scope` may submit a JSON_LISTINGS_FEED again (0: now). */
  feedWait(scope: string): number
  /** PUT to a presigned feed document URL, with exactly the content type the document was created with. */
  upload(url: string, contentType: string, body: string): Promise<void>
  /** GET of a presigned result document URL, gunzipped when Amazon says GZIP. */
  download(url: string, compression?: string): Promise<Buffer>
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
 * retried once when a cached token is refused), every call paced by its operation's usage plan
 * (or the rate Amazon reports in `x-amzn-RateLimit-Limit`), a slow plan's call refused as
 * rate_limited rather than held for long, JSON_LISTINGS_FEED submissions kept within 5 per 5
 * minutes per seller, SP-API's `ErrorList` read into the error, and a 429 without Retry-After
 * (SP-API never sends one) turned into an exponential wait with jitter that grows with
 * consecutive throttles (from a minute for createFeed). Feed documents go up and come down
 * through their presigned S3 URLs, without the token.
 */
export class AmazonClient implements AmazonHttp {
  readonly lwa: LwaTokens
  private readonly buckets = new Map<AmazonOperation, { tokens: number; at: number }>()
  private readonly throttled = new Map<AmazonOperation, number>()
  /** Rates Amazon reported per operation (x-amzn-RateLimit-Limit). */
  private readonly reported = new Map<AmazonOperation, number>()
  /** createFeed times per scope within FEED_WINDOW. */
  private readonly feeds = new Map<string, number[]>()

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
    const release = call.operation === "createFeed" ? this.takeFeedSlot(call.scope ?? "") : () => undefined
    await this.pace(call.operation)
    let answer: JsonAnswer<T>
    try {
      answer = await requestJson<T>(url, {
        method: call.method,
        headers: { "x-amz-access-token": token, "x-amz-date": amzDate(), "user-agent": "medusa-marketplace-sync (Language=TypeScript)" },
        body: call.body,
        timeout_ms: this.options.timeout_ms,
        label: `Amazon ${call.operation}`,
        failure: spErrorDetail,
        accept: [429],
        fetch: this.options.fetch,
      })
    } catch (error) {
      // A refused createFeed is no submission; one lost on the wire may have been, so it stays counted.
      if (error instanceof ChannelError && error.code !== "NETWORK" && error.code !== "TIMEOUT") release()
      throw error
    }
    if (answer.status === 429) {
      release()
      throw this.throttle(call.operation, answer, url)
    }
    this.throttled.delete(call.operation)
    const limit = Number(answer.headers.get("x-amzn-ratelimit-limit"))
    if (Number.isFinite(limit) && limit > 0) this.reported.set(call.operation, limit)
    return answer
  }

  feedWait(scope: string): number {
    const now = Date.now()
    const times = (this.feeds.get(scope) ?? []).filter((t) => t > now - FEED_WINDOW.ms)
    this.feeds.set(scope, times)
    return times.length < FEED_WINDOW.count ? 0 : times[0] + FEED_WINDOW.ms - now
  }

  /** Counts a submission in the scope's window, or refuses the call when the window is full. */
  private takeFeedSlot(scope: string): () => void {
    const wait = this.feedWait(scope)
    if (wait > 0) {
      throw ChannelError.rateLimited(`Amazon takes ${FEED_WINDOW.count} JSON_LISTINGS_FEED submissions per ${FEED_WINDOW.ms / 60_000} minutes; the next is possible in ${Math.ceil(wait / 1_000)} s`, wait, "FEED_QUOTA")
    }
    const at = Date.now()
    const times = this.feeds.get(scope)!
    times.push(at)
    return () => {
      const i = times.indexOf(at)
      if (i >= 0) times.splice(i, 1)
    }
  }

  async upload(url: string, contentType: string, body: string): Promise<void> {
    const response = await this.s3(url, { method: "PUT", headers: { "content-type": contentType }, body }, "upload of the feed document")
    await response.arrayBuffer()
  }

  async download(url: string, compression?: string): Promise<Buffer> {
    const response = await this.s3(url, { method: "GET" }, "download of the processing report")
    const bytes = Buffer.from(await response.arrayBuffer())
    if (compression === undefined) return bytes
    if (compression !== "GZIP") throw ChannelError.transient(`Amazon's processing report is compressed with ${compression}, which this adapter does not read`, "MALFORMED_RESPONSE")
    try {
      return gunzipSync(bytes)
    } catch (error) {
      throw ChannelError.transient(`Amazon's processing report is not valid gzip: ${(error as Error).message}`, "MALFORMED_RESPONSE")
    }
  }

  /**
   * A presigned S3 URL: no SP-API token, no base URL override (Amazon names the host). Failures are
   * transient: an expired URL or an S3 hiccup is cured by a new document on the next try.
   */
  private async s3(url: string, init: RequestInit, label: string): Promise<Response> {
    let response: Response
    try {
      response = await (this.options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(this.options.timeout_ms) })
    } catch (error) {
      const name = (error as Error)?.name
      throw ChannelError.transient(`Amazon S3 ${label}: ${name === "TimeoutError" ? `timed out after ${this.options.timeout_ms} ms` : (error as Error).message}`, name === "TimeoutError" ? "TIMEOUT" : "NETWORK")
    }
    if (!response.ok) {
      const text = await response.text().catch(() => "")
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1]
      const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1]
      throw ChannelError.transient(`Amazon S3 refused the ${label} (${response.status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""})`, code ?? `HTTP_${response.status}`)
    }
    return response
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
    const plan = USAGE_PLANS[operation]
    const first = (this.options.backoff_base_ms ?? 1_000) * (plan.backoff_factor ?? 1)
    const base = Math.min(plan.max_backoff_ms ?? MAX_BACKOFF_MS, first * 2 ** n)
    return ChannelError.rateLimited(message, Math.round(base * (1 + Math.random() * 0.25)), code)
  }

  /**
   * A reservation token bucket per operation: each call takes a token, waiting when none is left;
   * an operation with `max_wait_ms` is refused as rate_limited rather than wait longer.
   */
  private async pace(operation: AmazonOperation): Promise<void> {
    const plan = USAGE_PLANS[operation]
    if (operation === "createFeed") return // FEED_WINDOW paces it
    const rate = ((this.reported.get(operation) ?? plan.rate) * PACE_MARGIN) / 1_000
    const now = Date.now()
    const bucket = this.buckets.get(operation) ?? { tokens: plan.burst, at: now }
    bucket.tokens = Math.min(plan.burst, bucket.tokens + (now - bucket.at) * rate)
    bucket.at = now
    this.buckets.set(operation, bucket)
    const wait = bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / rate)
    if (plan.max_wait_ms !== undefined && wait > plan.max_wait_ms) {
      throw ChannelError.rateLimited(`Amazon ${operation} allows ${plan.rate} calls a second; the next is possible in ${Math.ceil(wait / 1_000)} s`, wait, "QuotaExceeded")
    }
    bucket.tokens -= 1
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait))
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
