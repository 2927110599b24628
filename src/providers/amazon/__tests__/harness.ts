import type { ChannelContext } from "../../../lib/provider"
import type { ProviderKitHarness } from "../../../testing"
import { startAmazonStandIn, type AmazonStandIn } from "../../../../stand-ins/amazon"
import { AmazonProvider, type AmazonOptions } from "../service"

export const SELLER = "A1KITSELLER01"
export const US = "ATVPDKIKX0DER"
export const CA = "A2EUQ1WTGCTBG2"
export const APP = { lwa_client_id: "amzn1.application-oa2-client.kit", lwa_client_secret: "amzn1.oa2-cs.v1.kit-secret" }
export const REFRESH = "Atzr|kit-refresh-token"

export type AmazonHarness = ProviderKitHarness & {
  standIn(): AmazonStandIn
  provider(options?: Partial<AmazonOptions>): AmazonProvider
  ctx(marketplaces?: string[]): ChannelContext
  patches(): AmazonStandIn["requests"]
}

/** The SP-API stand-in as the provider test kit (and the provider's own tests) drive it. */
export function amazonHarness(): AmazonHarness {
  let sp: AmazonStandIn
  const provider = (options: Partial<AmazonOptions> = {}) => new AmazonProvider({}, { api_base_url: sp.url, auth_base_url: sp.url, timeout_ms: 3_000, ...options })
  const ctx = (marketplaces = [US]): ChannelContext => ({
    channel_id: "mch_kit", channel_code: "kit",
    credentials: { seller_id: SELLER, marketplace_ids: marketplaces.join(","), ...APP, refresh_token: REFRESH },
  })
  const patches = () => sp.requests.filter((r) => r.method === "PATCH" && r.status === 200)
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
      const writes = patches()
      return { calls: writes.length, largest: writes.length ? 1 : 0 }
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
  }
}
