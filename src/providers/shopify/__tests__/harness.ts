import type { ProviderKitHarness } from "../../../testing"
import { ShopifyStandIn, StandInShop, startShopifyStandIn } from "../../../../stand-ins/shopify"
import { ShopifyProvider, type ShopifyOptions } from "../service"

/** The Shopify stand-in as the provider test kit drives it (also used by the adapter's own tests). */
export function shopifyHarness(
  options: ShopifyOptions = {},
  /** A Plus-sized bucket by default so the kit's paging is not slowed by refills; throttling has its own tests. */
  bucket = { maximum: 2_000, restoreRate: 2_000 }
) {
  let standIn: ShopifyStandIn
  let shop: StandInShop
  const token = "shpat_kit_token_0001"
  const harness: ProviderKitHarness & { standIn(): ShopifyStandIn; shop(): StandInShop } = {
    standIn: () => standIn,
    shop: () => shop,
    async start() {
      standIn = await startShopifyStandIn()
    },
    stop: () => standIn.close(),
    async reset() {
      standIn.reset()
      shop = standIn.addShop({ token, name: "Kit Shop", domain: "kit-shop.myshopify.com", webhookSecret: "kit-webhook-secret", locations: [{ name: "Main Warehouse" }, { name: "Berlin Store" }], bucket })
      const provider = new ShopifyProvider({}, { api_base_url: standIn.url, timeout_ms: 3_000, ...options })
      return {
        provider,
        ctx: {
          channel_id: "mch_kit",
          channel_code: "kit",
          credentials: { shop_domain: shop.domain, access_token: token, webhook_secret: "kit-webhook-secret" },
        },
      }
    },
    providerAt: (url) => new ShopifyProvider({}, { api_base_url: url, timeout_ms: 2_000 }),
    refusedCredentials: (ctx) => ({ ...ctx.credentials, access_token: "shpat_refused" }),
    seed(skus, quantity = 0) {
      skus.forEach((sku) => standIn.addVariant(shop, { sku, available: quantity }))
    },
    locations: () => [...shop.locations.keys()],
    quantity: (sku, location) => standIn.available(shop, sku, location!),
    writes() {
      const sets = standIn.requests.filter((r) => r.fields.includes("inventorySetQuantities") && r.status === 200 && !r.throttled)
      const sizes = sets.map((r) => ((r.variables as { input?: { quantities?: unknown[] } })?.input?.quantities ?? []).length)
      return { calls: sets.length, largest: Math.max(0, ...sizes) }
    },
    throttleNext: (seconds) => standIn.fault({ status: 429, retry_after: String(seconds) }),
    failNext: (status) => standIn.fault({ status }),
    unexpected: () => standIn.unexpected,
    readPageSize: 50,
    cataloguePageSize: 100,
    async placeOrder(lines) {
      const order = await standIn.placeOrder(shop, { lines })
      return { external_id: `gid://shopify/Order/${order.id}` }
    },
    async orderWebhook(order) {
      const found = shop.orders.find((o) => `gid://shopify/Order/${o.id}` === order.external_id)!
      const { headers, raw } = standIn.signedDelivery(shop, "orders/create", standIn.orderPayload(shop, found))
      return { headers, raw_body: Buffer.from(raw) }
    },
    signatureHeaders: ["x-shopify-hmac-sha256"],
  }
  return harness
}
