import { createAdminApiClient, type AdminApiClient } from "@shopify/admin-api-client"
import { ChannelError, statusError, withBaseUrl } from "../../lib/provider"

/** What every Admin GraphQL answer says about the app's bucket (`extensions.cost`). */
export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
type Cost = { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus }
type GraphqlAnswer<T> = { data?: T; errors?: unknown; extensions?: { cost?: Cost } }

export type ShopifyConnection = {
  shop_domain: string
  access_token: string
  api_version: string
  api_base_url?: string
  timeout_ms: number
}

/** How many times a read waits for the bucket to refill before it gives up as throttled. */
const READ_THROTTLE_WAITS = 3

/**
 * Admin GraphQL over `@shopify/admin-api-client` (its retries off: throttling is ours to decide,
 * from the bucket Shopify reports). `api_base_url` is routed through the client's
 * `customFetchApi`, since the client itself insists on https://<shop>.
 */
export class ShopifyGraphql {
  private readonly client: AdminApiClient
  /** The bucket as the last answer described it. */
  lastThrottle: ThrottleStatus | null = null

  constructor(private readonly connection: ShopifyConnection) {
    this.client = createAdminApiClient({
      storeDomain: connection.shop_domain,
      apiVersion: connection.api_version,
      accessToken: connection.access_token,
      retries: 0,
      // The client warns about versions newer than the ones it was built knowing; the adapter
      // validates its version itself.
      logger: () => undefined,
      customFetchApi: (url, init) =>
        fetch(withBaseUrl(String(url), connection.api_base_url), { ...(init as RequestInit), signal: AbortSignal.timeout(connection.timeout_ms) }),
    })
  }

  /**
   * Runs one operation and returns its data. Throws ChannelError: `auth` for a refused token or
   * a missing scope, `rate_limited` with the wait the bucket needs, `rejected` with Shopify's
   * messages for an operation it refused, `transient` for network trouble and 5xx. Reads
   * (`wait: true`) sleep through up to three throttles before giving up.
   */
  async run<T>(label: string, query: string, variables: Record<string, unknown> = {}, options: { wait?: boolean } = {}): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await this.once<T>(label, query, variables)
      } catch (error) {
        if (!options.wait || waits >= READ_THROTTLE_WAITS || !(error instanceof ChannelError) || error.kind !== "rate_limited") {
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 1_000))
      }
    }
  }

  private async once<T>(label: string, query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response
    let text: string
    try {
      response = await this.client.fetch(query, { variables })
      text = await response.text()
    } catch (error) {
      const message = (error as Error)?.message ?? String(error)
      const timedOut = /timeout|aborted/i.test(message) || (error as Error)?.name === "TimeoutError"
      throw ChannelError.transient(
        `Shopify ${label}: ${timedOut ? `timed out after ${this.connection.timeout_ms} ms` : message}`,
        timedOut ? "TIMEOUT" : "NETWORK"
      )
    }
    let body: GraphqlAnswer<T> | undefined
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    const cost = body?.extensions?.cost
    if (cost?.throttleStatus) {
      this.lastThrottle = cost.throttleStatus
    }
    const errors = Array.isArray(body?.errors) ? (body!.errors as { message?: string; extensions?: { code?: string } }[]) : []
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      // The status is 200 or 429 depending on who you ask: the body decides.
      throw ChannelError.rateLimited(`Shopify ${label}: throttled`, this.refillMs(cost), "THROTTLED")
    }
    if (!response.ok) {
      const message = typeof body?.errors === "string" ? body.errors : errors.map((e) => e.message).join("; ") || undefined
      throw statusError(response.status, response.headers, {
        message: message ?? `Shopify ${label} answered HTTP ${response.status}`,
        code: response.status === 402 ? "SHOP_FROZEN" : undefined,
      })
    }
    if (!body) {
      throw ChannelError.transient(`Shopify ${label} answered ${response.status} with a body that is not JSON`, "MALFORMED_RESPONSE")
    }
    if (errors.length) {
      const message = errors.map((e) => e.message ?? "unknown error").join("; ")
      if (errors.some((e) => e.extensions?.code === "ACCESS_DENIED")) {
        throw ChannelError.auth(`Shopify ${label}: ${message}`, "ACCESS_DENIED")
      }
      if (errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) {
        throw ChannelError.transient(`Shopify ${label}: ${message}`, "INTERNAL_SERVER_ERROR")
      }
      throw ChannelError.rejected(`Shopify ${label}: ${message}`, errors[0].extensions?.code ?? "GRAPHQL_ERROR")
    }
    if (body.data === undefined || body.data === null) {
      throw ChannelError.transient(`Shopify ${label} answered without data`, "MALFORMED_RESPONSE")
    }
    return body.data
  }

  /** How long until the bucket holds what the refused call asked for. */
  private refillMs(cost: Cost | undefined): number {
    const status = cost?.throttleStatus
    if (!status || !status.restoreRate) {
      return 1_000
    }
    const missing = Math.max(1, (cost?.requestedQueryCost ?? 10) - status.currentlyAvailable)
    return Math.max(100, Math.ceil((missing / status.restoreRate) * 1_000))
  }
}
