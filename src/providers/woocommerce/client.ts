import { ChannelError, requestJson, withBaseUrl, type FailureDetail } from "../../lib/provider"
import { signOAuth1 } from "./oauth"

/** WooCommerce's REST namespace under the WordPress REST prefix. */
export const WC_API_PATH = "/wp-json/wc/v3"

export type WooCredentials = { store_url: string; consumer_key: string; consumer_secret: string }

export type WooCall = {
  method: "GET" | "POST"
  /** Under /wp-json/wc/v3, e.g. `/products/batch`. */
  path: string
  query?: Record<string, string | number>
  body?: unknown
}

/** A page of a WooCommerce collection: `X-WP-TotalPages` says how many there are. */
export type WooAnswer<T> = { body: T; total_pages: number | null }

/** The narrow surface the service needs; a test can hand the service another one. */
export type WooCommerceHttp = {
  call<T>(credentials: WooCredentials, call: WooCall): Promise<WooAnswer<T>>
  /** `GET /wp-json/`: the WordPress site index, answered without keys. */
  siteIndex(storeUrl: string): Promise<{ name?: unknown; url?: unknown }>
}

export type WooClientOptions = { api_base_url?: string | null; timeout_ms: number; requests_per_second: number }

/**
 * HTTP to one WooCommerce store: the keys as the store's scheme wants them (HTTP Basic over
 * https, OAuth 1.0a query signatures over plain http, as WooCommerce's own authentication
 * decides by `is_ssl()`), the shared timeouts and error mapping, and a pace of at most
 * `requests_per_second` calls, since WooCommerce publishes no limit of its own and the host's
 * PHP workers are the real bound.
 */
export class WooCommerceClient implements WooCommerceHttp {
  private nextSlot = 0

  constructor(private readonly options: WooClientOptions) {}

  async call<T>(credentials: WooCredentials, call: WooCall): Promise<WooAnswer<T>> {
    const storeUrl = new URL(`${trimSlash(credentials.store_url)}${WC_API_PATH}${call.path}`)
    for (const [key, value] of Object.entries(call.query ?? {})) {
      storeUrl.searchParams.set(key, String(value))
    }
    let url = withBaseUrl(storeUrl, this.options.api_base_url)
    const headers: Record<string, string> = {}
    // The store's own scheme decides, not the stand-in's: WooCommerce only reads Basic
    // credentials on a request it believes came over TLS.
    if (storeUrl.protocol === "https:") {
      headers.authorization = `Basic ${Buffer.from(`${credentials.consumer_key}:${credentials.consumer_secret}`).toString("base64")}`
    } else {
      url = signOAuth1(call.method, url, credentials.consumer_key, credentials.consumer_secret)
    }
    await this.pace()
    const answer = await requestJson<T>(url, {
      method: call.method,
      headers,
      body: call.body,
      timeout_ms: this.options.timeout_ms,
      label: `WooCommerce ${call.method} ${call.path}`,
      failure: wpErrorDetail,
    })
    const pages = Number(answer.headers.get("x-wp-totalpages"))
    return { body: answer.body, total_pages: Number.isFinite(pages) && answer.headers.has("x-wp-totalpages") ? pages : null }
  }

  async siteIndex(storeUrl: string): Promise<{ name?: unknown; url?: unknown }> {
    const url = withBaseUrl(new URL(`${trimSlash(storeUrl)}/wp-json/`), this.options.api_base_url)
    await this.pace()
    const answer = await requestJson<{ name?: unknown; url?: unknown }>(url, {
      method: "GET",
      timeout_ms: this.options.timeout_ms,
      label: "WordPress GET /wp-json/",
      failure: wpErrorDetail,
    })
    if (!answer.body || typeof answer.body !== "object") {
      throw ChannelError.transient(`${url.origin} answered /wp-json/ without a site index; is this a WordPress site?`, "MALFORMED_RESPONSE")
    }
    return answer.body
  }

  /** Spaces call starts evenly so that no second holds more than `requests_per_second`. */
  private async pace(): Promise<void> {
    const now = Date.now()
    const at = Math.max(now, this.nextSlot)
    this.nextSlot = at + 1_000 / this.options.requests_per_second
    if (at > now) {
      await new Promise((resolve) => setTimeout(resolve, at - now))
    }
  }
}

/** WordPress answers failures as WP_Error JSON: `{ code, message, data: { status } }`. */
export function wpErrorDetail(body: unknown): FailureDetail {
  const error = body as { code?: unknown; message?: unknown } | null | undefined
  return {
    code: typeof error?.code === "string" ? error.code : undefined,
    message: typeof error?.message === "string" ? error.message : undefined,
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "")
}
