import { createHmac, randomBytes } from "node:crypto"

/**
 * OAuth 1.0a "one-legged" signing as WooCommerce takes it over plain HTTP: no token, the oauth_*
 * parameters in the query string (WooCommerce cannot read an Authorization header on every PHP
 * setup), HMAC-SHA256 with the key `consumer_secret&`. The base string follows RFC 5849 §3.4.1
 * over the URL actually requested, so a request sent to another origin (`api_base_url`) is signed
 * for the origin that receives it.
 */
export const OAUTH_SIGNATURE_METHOD = "HMAC-SHA256"

export type OAuthClock = { timestamp?: number; nonce?: string }

/** RFC 3986 percent-encoding (what PHP's rawurlencode does): everything but A-Z a-z 0-9 - . _ ~ */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `METHOD&encoded-base-uri&encoded-normalised-parameters` (RFC 5849 §3.4.1). */
export function signatureBaseString(method: string, url: URL, params: [string, string][]): string {
  // URL already lower-cases scheme and host and drops a default port, as §3.4.1.2 asks.
  const baseUri = `${url.origin}${url.pathname}`
  const normalised = params
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&")
  return [method.toUpperCase(), rfc3986(baseUri), rfc3986(normalised)].join("&")
}

/** Returns `url` with oauth_consumer_key, _nonce, _signature_method, _timestamp and _signature added. */
export function signOAuth1(method: string, url: URL, consumerKey: string, consumerSecret: string, clock: OAuthClock = {}): URL {
  const signed = new URL(url)
  const oauth: [string, string][] = [
    ["oauth_consumer_key", consumerKey],
    // WooCommerce keeps the nonces of the last 15 minutes per key and refuses a repeat.
    ["oauth_nonce", clock.nonce ?? randomBytes(16).toString("hex")],
    ["oauth_signature_method", OAUTH_SIGNATURE_METHOD],
    ["oauth_timestamp", String(clock.timestamp ?? Math.floor(Date.now() / 1_000))],
  ]
  for (const [key, value] of oauth) {
    signed.searchParams.set(key, value)
  }
  const base = signatureBaseString(method, signed, [...signed.searchParams.entries()])
  // WooCommerce keys the HMAC with the secret as stored, not percent-encoded (RFC 5849 would
  // encode it; the two agree for the cs_<hex> secrets WooCommerce issues).
  const signature = createHmac("sha256", `${consumerSecret}&`).update(base).digest("base64")
  signed.searchParams.set("oauth_signature", signature)
  return signed
}
