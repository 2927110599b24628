import type { ChannelContext } from "../../../lib/provider"
import type { ProviderKitHarness } from "../../../testing"
import { startAmazonStandIn, type AmazonStandIn } from "../../../../stand-ins/amazon"
import { AmazonClient, type AmazonClientOptions } from "../client"
import { AmazonProvider, type AmazonOptions } from "../service"

export const SELLER = "A1KITSELLER01"
export const US = "ATVPDKIKX0DER"
export const CA = "A2EUQ1WTGCTBG2"
export const APP = { lwa_client_id: "amzn1.application-oa2-client.kit", lwa_client_secret: "amzn1.oa2-cs.v1.kit-secret" }
export const REFRESH = "Atzr|kit-refresh-token"

export type AmazonHarness = ProviderKitHarness & {
  standIn(): AmazonStandIn
  provider(options?: Partial<AmazonOptions>, client?: Partial<AmazonClientOptions>): AmazonProvider
  ctx(marketplaces?: string[], settings?: ChannelContext["settings"]): ChannelContext
  patches(): AmazonStandIn["requests"]
  /** createFeed calls Amazon took (202). */
  feeds(): AmazonStandIn["requests"]
}

/** The SP-API stand-in as the provider test kit (and the provider's own tests) drive it. */
export function amazonHarness(): AmazonHarness {
  let sp: AmazonStandIn
  // Feed status is read every 20 ms here (5 s by default), so that tests wait on the stand-in only.
  const provider = (options: Partial<AmazonOptions> = {}, client?: Partial<AmazonClientOptions>) => {
    const all = { api_base_url: sp.url, auth_base_url: sp.url, timeout_ms: 5_000, feed_poll_ms: 20, ...options }
    const http = client ? new AmazonClient({ region: "na", api_base_url: all.api_base_url, auth_base_url: all.auth_base_url, timeout_ms: all.timeout_ms, ...client }) : undefined
    return new AmazonProvider({}, all, http)
  }
  const ctx = (marketplaces = [US], settings?: ChannelContext["settings"]): ChannelContext => ({
    channel_id: "mch_kit", channel_code: "kit",
    credentials: { seller_id: SELLER, marketplace_ids: marketplaces.join(","), ...APP, refresh_token: REFRESH },
    ...(settings ? { settings } : {}),
  })
  const patches = () => sp.requests.filter((r) => r.method === "PATCH" && r.status === 200)
  const feeds = () => sp.requests.filter((r) => r.operation === "createFeed" && r.status === 202)
  return {
    async start() {
      sp = await startAmazonStandIn()
    },
    stop: () => sp.close(),
    async reset() {
      sp.store.reset()
      sp.requests.splice(0)
      sp.unexpected.splice(0)
      sp.setFaults({ queue: [] })
      sp.store.apply_delay_ms = 100
      // A seller whose searchListingsItems plan Amazon raised (and reports in x-amzn-RateLimit-Limit):
      // the kit's full batch of 10,000 SKUs without a productType is looked up in seconds, not 2 minutes.
      sp.store.plans.searchListingsItems = { rate: 200, burst: 20 }
      sp.store.addApp(APP.lwa_client_id, APP.lwa_client_secret)
      sp.store.addSeller(SELLER, [US, CA], REFRESH, APP.lwa_client_id, "Kit Store")
      return { provider: provider(), ctx: ctx() }
    },
    providerAt: (url) => new AmazonProvider({}, { api_base_url: url, auth_base_url: url, timeout_ms: 2_000 }),
    refusedCredentials: (c) => ({ ...c.credentials, lwa_client_secret: "amzn1.oa2-cs.v1.refused" }),
    seed(skus, quantity = 0) {
      skus.forEach((sku) => sp.store.addListing(SELLER, { sku, quantity, productType: "SHIRT" }))
    },
    locations: () => [null],
    quantity: (sku) => sp.store.quantity(SELLER, sku, US),
    writes() {
      // A patch carries one SKU; a feed as many as the document the stand-in took holds.
      const messages = [...sp.store.feeds.values()].map((f) => sp.store.uploaded(f.feedId)?.messages?.length ?? 0)
      return { calls: patches().length + feeds().length, largest: Math.max(patches().length ? 1 : 0, ...messages) }
    },
    throttleNext: (seconds) => sp.setFaults({ queue: [{ status: 429, retry_after: seconds }] }),
    failNext: (status) => sp.setFaults({ queue: [{ status }] }),
    unexpected: () => sp.unexpected.map((u) => `${u.method} ${u.path}: ${u.reason}`),
    readPageSize: 20,
    cataloguePageSize: 20,
    async placeOrder(lines) {
      const order = sp.store.addOrder(SELLER, US, lines)
      return { external_id: order.AmazonOrderId }
    },
    standIn: () => sp,
    provider,
    ctx,
    patches,
    feeds,
  }
}
