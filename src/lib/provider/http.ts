import { createHmac, timingSafeEqual } from "node:crypto"
import { ChannelError } from "./errors"
import { retryAfterMs } from "./retry-after"

/**
 * HTTP helpers every adapter shares, so that each channel maps failures, timeouts and
 * signatures the same way. Adapters import them from `medusa-marketplace-sync/provider`.
 */

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>

/** What a channel said about a failed call, in its own words, for the error the pipeline keeps. */
export type FailureDetail = { message?: string; code?: string }

/**
 * The closed error set from an HTTP status: 401/403 `auth`; 429 `rate_limited` with the
 * Retry-After wait (seconds or an HTTP date); 404 `not_found`; 408, 5xx and anything unexpected
 * `transient`; other 4xx `rejected` with the channel's message.
 */
export function statusError(status: number, headers: Headers | null, detail: FailureDetail = {}): ChannelError {
  const code = detail.code ?? `HTTP_${status}`
  const message = detail.message?.trim() || `HTTP ${status}`
  if (status === 401 || status === 403) {
    return ChannelError.auth(message, code)
  }
  if (status === 429) {
    return ChannelError.rateLimited(message, retryAfterMs(headers?.get("retry-after")), code)
  }
  if (status === 404) {
    return ChannelError.notFound(message, code)
  }
  if (status === 408 || status >= 500 || status < 400) {
    return ChannelError.transient(message, code)
  }
  return ChannelError.rejected(message, code)
}

export type JsonRequest = Omit<RequestInit, "body" | "signal"> & {
  /** Serialised as JSON (with its content type) unless it is already a string. */
  body?: unknown
  /** The whole call, answer included, is abandoned after this long (a transient failure). */
  timeout_ms: number
  /** Names the call in error messages, e.g. "Shopify inventorySetQuantities". */
  label: string
  /** Reads the channel's error message and code out of a failed answer's body. */
  failure?: (body: unknown) => FailureDetail
  /** Statuses returned rather than thrown (for channels whose errors live in a 4xx body). */
  accept?: number[]
  fetch?: FetchLike
}

export type JsonAnswer<T> = { status: number; headers: Headers; body: T }

/**
 * One JSON call: the timeout through `AbortSignal`, network and malformed answers as
 * `transient`, a non-2xx answer through {@link statusError} with the channel's own message.
 */
export async function requestJson<T>(url: string | URL, request: JsonRequest): Promise<JsonAnswer<T>> {
  const { body, timeout_ms, label, failure, accept, fetch: fetchImpl = fetch, headers, ...init } = request
  const sent = body === undefined || typeof body === "string" ? body : JSON.stringify(body)
  let response: Response
  let text: string
  try {
    response = await fetchImpl(url, {
      ...init,
      headers: { accept: "application/json", ...(sent !== undefined ? { "content-type": "application/json" } : {}), ...headersObject(headers) },
      body: sent as string | undefined,
      signal: AbortSignal.timeout(timeout_ms),
    })
    text = await response.text()
  } catch (error) {
    if (error instanceof ChannelError) {
      throw error
    }
    const name = (error as Error)?.name
    const reason = name === "TimeoutError" || name === "AbortError" ? `timed out after ${timeout_ms} ms` : (error as Error)?.message ?? String(error)
    throw ChannelError.transient(`${label}: ${reason}`, name === "TimeoutError" ? "TIMEOUT" : "NETWORK")
  }
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    if (!response.ok) {
      throw statusError(response.status, response.headers, { message: `${label} answered ${response.status}: ${text.slice(0, 200)}` })
    }
    throw ChannelError.transient(`${label} answered ${response.status} with a body that is not JSON`, "MALFORMED_RESPONSE")
  }
  if (!response.ok && !accept?.includes(response.status)) {
    // The channel's own words, as the Sync Log shows them; the label only when it said nothing.
    const detail = failure?.(json) ?? {}
    throw statusError(response.status, response.headers, { ...detail, message: detail.message ?? `${label} answered HTTP ${response.status}` })
  }
  return { status: response.status, headers: response.headers, body: json as T }
}

function headersObject(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) {
    return {}
  }
  return Object.fromEntries(new Headers(headers).entries())
}

export type SignatureCheck = {
  secret: string | null | undefined
  raw_body: Buffer
  /** The header's value as received; a missing or repeated header fails. */
  signature: string | string[] | null | undefined
  encoding: "hex" | "base64"
  algorithm?: "sha256" | "sha1"
  /** A scheme prefix the channel writes before the digest, such as `sha256=`. */
  prefix?: string
}

/**
 * Checks an HMAC signature over the raw body in constant time. False for a missing secret or
 * signature, a wrong prefix, or a digest of the wrong length; never throws.
 */
export function verifyHmac(check: SignatureCheck): boolean {
  const { secret, raw_body, signature, encoding, algorithm = "sha256", prefix = "" } = check
  if (!secret || typeof signature !== "string" || !signature.startsWith(prefix)) {
    return false
  }
  const expected = createHmac(algorithm, secret).update(raw_body).digest()
  let given: Buffer
  try {
    given = Buffer.from(signature.slice(prefix.length).trim(), encoding)
  } catch {
    return false
  }
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Signs a body as {@link verifyHmac} checks it: what a stand-in sends with its webhooks. */
export function signHmac(secret: string, raw_body: Buffer | string, encoding: "hex" | "base64", algorithm: "sha256" | "sha1" = "sha256"): string {
  return createHmac(algorithm, secret).update(raw_body).digest(encoding)
}

/**
 * Points a channel URL at another origin (scheme, host and port), keeping its path and query:
 * the `api_base_url` option every built-in adapter takes, for stand-ins and staging. A base with
 * a path of its own puts that path in front.
 */
export function withBaseUrl(url: string | URL, base: string | null | undefined): URL {
  const target = new URL(url)
  if (!base) {
    return target
  }
  const origin = new URL(base)
  const prefix = origin.pathname.replace(/\/+$/, "")
  return new URL(`${prefix}${target.pathname}${target.search}`, origin.origin)
}

/** Checks an `api_base_url` option at boot: an http(s) URL or nothing. */
export function checkBaseUrlOption(provider: string, value: unknown): void {
  if (value === undefined || value === null || value === "") {
    return
  }
  let url: URL | null = null
  try {
    url = new URL(String(value))
  } catch {
    url = null
  }
  if (typeof value !== "string" || !url || !/^https?:$/.test(url.protocol)) {
    throw new Error(`${provider} provider: option api_base_url must be an http(s) URL, got ${JSON.stringify(value)}`)
  }
}
