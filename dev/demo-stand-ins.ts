import { startShopifyStandIn, type ShopifyStandIn, type StandInShop } from "../stand-ins/shopify"
import { startWooCommerceStandIn, type WooCommerceStandIn } from "../stand-ins/woocommerce"

/**
 * The demo's Shopify and WooCommerce shops: the adapters' stand-ins, holding the demo catalogue,
 * so `npm run demo` shows the real adapters at work (medusa-config.ts points the `shopify` and
 * `woocommerce` providers at them). Ids are deterministic, so channels seeded on a first start
 * still match the shops after a restart.
 */
export const DEMO_SHOPS = {
  shopify: { domain: "demo-store.myshopify.com", access_token: "shpat_demo_token_0001", webhook_secret: "demo-shopify-webhook-secret" },
  woocommerce: { store_url: "https://demo-woo.shop.test", consumer_key: "ck_demo_0001", consumer_secret: "cs_demo_0001", webhook_secret: "demo-woo-webhook-secret" },
}
export const DEMO_SHOP_SKUS = ["TSHIRT-S", "TSHIRT-M", "TSHIRT-L", "SWEAT-M"]

export type DemoShops = { shopify: ShopifyStandIn; shop: StandInShop; woo: WooCommerceStandIn; shopifyLocations: string[] }

export async function startDemoShops(): Promise<DemoShops> {
  const shopify = await startShopifyStandIn()
  const shop = shopify.addShop({
    token: DEMO_SHOPS.shopify.access_token,
    name: "Demo Shopify store",
    domain: DEMO_SHOPS.shopify.domain,
    webhookSecret: DEMO_SHOPS.shopify.webhook_secret,
    locations: [{ name: "Berlin warehouse" }, { name: "Rotterdam warehouse" }],
  })
  for (const sku of DEMO_SHOP_SKUS) {
    shopify.addVariant(shop, { sku: `SHOP-${sku}`, productTitle: sku.startsWith("TSHIRT") ? "T-shirt" : "Sweatpants", title: sku.split("-")[1] })
  }
  const woo = await startWooCommerceStandIn()
  woo.store.settings.site_name = "Demo WooCommerce shop"
  woo.store.addKey(DEMO_SHOPS.woocommerce.consumer_key, DEMO_SHOPS.woocommerce.consumer_secret)
  for (const sku of DEMO_SHOP_SKUS) {
    woo.store.addProduct({ sku: `WOO-${sku}`, name: sku, manage_stock: true, stock_quantity: 0 })
  }
  return { shopify, shop, woo, shopifyLocations: [...shop.locations.keys()] }
}
