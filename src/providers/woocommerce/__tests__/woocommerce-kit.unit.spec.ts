import { createHmac } from "node:crypto"
import { providerTestKit, type ProviderKitHarness } from "../../../testing"
import { startWooCommerceStandIn, type WooCommerceStandIn } from "../../../../stand-ins/woocommerce"
import { WooCommerceProvider } from "../service"

const KEYS = { consumer_key: "ck_kit_0001", consumer_secret: "cs_kit_0001" }
const SECRET = "kit-woo-secret"

/** The WooCommerce stand-in as the provider test kit drives it. */
function wooHarness(): ProviderKitHarness {
  let wc: WooCommerceStandIn
  const bySku = (sku: string) => [...wc.store.products.values()].find((p) => p.sku === sku)
  return {
    async start() {
      wc = await startWooCommerceStandIn()
    },
    stop: () => wc.close(),
    async reset() {
      wc.store.reset()
      wc.requests.splice(0)
      wc.unexpected.splice(0)
      wc.setFaults({ queue: [] })
      wc.store.addKey(KEYS.consumer_key, KEYS.consumer_secret)
      return {
        provider: new WooCommerceProvider({}, { api_base_url: wc.url, timeout_ms: 3_000, requests_per_second: 1_000 }),
        ctx: { channel_id: "mch_kit", channel_code: "kit", credentials: { store_url: "https://kit.shop.test", ...KEYS, webhook_secret: SECRET } },
      }
    },
    providerAt: (url) => new WooCommerceProvider({}, { api_base_url: url, timeout_ms: 2_000 }),
    refusedCredentials: (ctx) => ({ ...ctx.credentials, consumer_secret: "cs_refused" }),
    seed(skus, quantity = 0) {
      skus.forEach((sku) => wc.store.addProduct({ sku, name: `Kit ${sku}`, manage_stock: true, stock_quantity: quantity }))
    },
    locations: () => [null],
    quantity: (sku) => bySku(sku)?.stock_quantity ?? undefined,
    writes() {
      const writes = wc.requests.filter((r) => r.method === "POST" && r.path.endsWith("/batch") && r.status === 200)
      return { calls: writes.length, largest: Math.max(0, ...writes.map((r) => ((r.body as { update?: unknown[] })?.update ?? []).length)) }
    },
    throttleNext: (seconds) => wc.setFaults({ queue: [{ status: 429, retry_after: seconds }] }),
    failNext: (status) => wc.setFaults({ queue: [{ status }] }),
    unexpected: () => wc.unexpected.map((u) => `${u.method} ${u.path}: ${u.reason}`),
    readPageSize: 100,
    cataloguePageSize: 100,
    async placeOrder(lines) {
      const order = wc.store.addOrder({
        line_items: lines.map((line) => ({ name: line.sku, product_id: bySku(line.sku)?.id ?? 0, variation_id: 0, quantity: line.quantity, sku: line.sku, price: 10 })),
      })
      return { external_id: String(order.id) }
    },
    async orderWebhook(order) {
      const raw = JSON.stringify(wc.store.orderJson(wc.store.orders.get(Number(order.external_id))!))
      return {
        raw_body: Buffer.from(raw),
        headers: {
          "content-type": "application/json",
          "x-wc-webhook-source": "https://kit.shop.test/",
          "x-wc-webhook-topic": "order.created",
          "x-wc-webhook-resource": "order",
          "x-wc-webhook-event": "created",
          "x-wc-webhook-id": "7",
          "x-wc-webhook-delivery-id": "d41d8cd98f00b204e9800998ecf8427e",
          "x-wc-webhook-signature": createHmac("sha256", SECRET).update(raw).digest("base64"),
        },
      }
    },
    signatureHeaders: ["x-wc-webhook-signature"],
  }
}

providerTestKit("WooCommerce (REST v3 stand-in)", wooHarness())
