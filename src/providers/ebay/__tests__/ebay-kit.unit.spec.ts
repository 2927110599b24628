import { providerTestKit, type ProviderKitHarness } from "../../../testing"
import { startEbayStandIn, type EbayStandIn } from "../../../../stand-ins/ebay"
import { EbayProvider } from "../service"

const APP = { client_id: "StandIn-kit-PRD-0001", client_secret: "PRD-kit-secret", refresh_token: "v^1.1#i^1#r^1#kit-refresh" }

/** The eBay stand-in as the provider test kit drives it. */
function ebayHarness(): ProviderKitHarness {
  let eb: EbayStandIn
  return {
    async start() {
      eb = await startEbayStandIn()
    },
    stop: () => eb.close(),
    async reset() {
      eb.store.reset()
      eb.requests.splice(0)
      eb.unexpected.splice(0)
      eb.setFaults({ queue: [] })
      eb.store.addClient(APP.client_id, APP.client_secret, APP.refresh_token)
      return {
        provider: new EbayProvider({}, { api_base_url: eb.url, timeout_ms: 3_000 }),
        ctx: { channel_id: "mch_kit", channel_code: "kit", credentials: { ...APP, marketplace_id: "EBAY_US" } },
      }
    },
    providerAt: (url) => new EbayProvider({}, { api_base_url: url, timeout_ms: 2_000 }),
    refusedCredentials: (ctx) => ({ ...ctx.credentials, refresh_token: "v^1.1#revoked" }),
    seed(skus, quantity = 0) {
      skus.forEach((sku) => eb.store.addItem({ sku, quantity, title: `Kit ${sku}` }))
    },
    locations: () => [null],
    quantity: (sku) => eb.store.items.get(sku)?.quantity,
    writes() {
      const writes = eb.requests.filter((r) => r.path.endsWith("/bulk_update_price_quantity") && (r.status === 200 || r.status === 207))
      return { calls: writes.length, largest: Math.max(0, ...writes.map((r) => ((r.body as { requests?: unknown[] })?.requests ?? []).length)) }
    },
    // eBay documents no Retry-After, but the kit checks the exact wait: the stand-in sends one.
    throttleNext: (seconds) => eb.setFaults({ queue: [{ status: 429, retry_after: seconds }] }),
    failNext: (status) => eb.setFaults({ queue: [{ status }] }),
    unexpected: () => eb.unexpected.map((u) => `${u.method} ${u.path}: ${u.reason}`),
    // Read-back pages are 25 SKUs (each also reads the SKU's offers); the catalogue's are 100.
    readPageSize: 25,
    cataloguePageSize: 100,
    async placeOrder(lines) {
      const order = eb.store.addOrder({ lines: lines.map((line) => ({ sku: line.sku, title: `Kit ${line.sku}`, quantity: line.quantity, unitPrice: 9.5 })) })
      return { external_id: order.orderId }
    },
  }
}

providerTestKit("eBay (Sell Inventory stand-in)", ebayHarness())
