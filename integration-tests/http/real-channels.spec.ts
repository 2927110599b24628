import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedStore } from "../../dev/seed-demo"
import { ShopifyStandIn, StandInShop, startShopifyStandIn } from "../../stand-ins/shopify"
import { startWooCommerceStandIn, type WooCommerceStandIn } from "../../stand-ins/woocommerce"
import { adminHeaders } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/eventually"

jest.setTimeout(240_000)

/**
 * The two real channel adapters inside the app, against their stand-ins (medusa-config.ts points
 * the registered `shopify` and `woocommerce` providers at them through MARKETPLACE_*_API_BASE_URL):
 * a Store API checkout reaches Shopify per location and WooCommerce per SKU, and an order taken
 * on either channel lowers the other.
 */
let shopify: ShopifyStandIn
let woo: WooCommerceStandIn
beforeAll(async () => {
  shopify = await startShopifyStandIn()
  woo = await startWooCommerceStandIn()
  process.env.MARKETPLACE_SHOPIFY_API_BASE_URL = shopify.url
  process.env.MARKETPLACE_WOOCOMMERCE_API_BASE_URL = woo.url
})
afterAll(async () => {
  await shopify?.close()
  await woo?.close()
})

const TOKEN = "shpat_integration_0001"
const SHOPIFY_SECRET = "shopify-integration-secret"
const WOO_SECRET = "woo-integration-secret"
const WOO_STORE = "https://woo.shop.test"
const WOO_KEYS = { consumer_key: "ck_integration", consumer_secret: "cs_integration" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let shop: StandInShop
    let east: string
    let west: string
    let store: { publishableKey: string; regionId: string; variant: (sku: string) => string }
    let wooProductId: number
    const shopifyAt = (location: string) => shopify.available(shop, "SHOP-TSHIRT-M", location)
    const wooStock = () => [...woo.store.products.values()].find((p) => p.sku === "WOO-TSHIRT-M")?.stock_quantity

    beforeEach(async () => {
      shopify.reset()
      woo.store.reset()
      woo.requests.splice(0)
      woo.unexpected.splice(0)
      shop = shopify.addShop({ token: TOKEN, name: "Integration Shop", domain: "integration.myshopify.com", webhookSecret: SHOPIFY_SECRET, locations: [{ name: "East warehouse" }, { name: "West warehouse" }] })
      ;[east, west] = [...shop.locations.keys()]
      shopify.addVariant(shop, { sku: "SHOP-TSHIRT-M", productTitle: "T-shirt", title: "M", available: 0 })
      shopify.options.retryDelaysMs = [200, 1_000, 3_000]
      woo.store.addKey(WOO_KEYS.consumer_key, WOO_KEYS.consumer_secret)
      wooProductId = woo.store.addProduct({ sku: "WOO-TSHIRT-M", name: "T-shirt M", manage_stock: true, stock_quantity: 0 }).id

      const container = getContainer()
      auth = await adminHeaders(container, api)
      await seedStore(container)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const [{ data: keys }, { data: regions }, { data: variants }, { data: locations }, { data: channels }] = await Promise.all([
        query.graph({ entity: "api_key", fields: ["token", "title"], filters: { title: "Webshop" } }),
        query.graph({ entity: "region", fields: ["id"] }),
        query.graph({ entity: "product_variant", fields: ["id", "sku"] }),
        query.graph({ entity: "stock_location", fields: ["id", "name"] }),
        query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Webshop" } }),
      ])
      const locationId = (name: string) => locations.find((l: any) => l.name === name).id
      store = { publishableKey: keys[0].token, regionId: regions[0].id, variant: (sku) => variants.find((v: any) => v.sku === sku).id }

      const shopifyChannel = await api.post(
        "/admin/marketplace/channels",
        {
          name: "Shopify", code: "shopify", provider_id: "shopify", sales_channel_id: channels[0].id, order_import_enabled: true,
          credentials: { shop_domain: shop.domain, access_token: TOKEN, webhook_secret: SHOPIFY_SECRET },
          locations: [
            { external_id: east, code: "EAST", stock_location_ids: [locationId("East warehouse")] },
            { external_id: west, code: "WEST", stock_location_ids: [locationId("West warehouse")] },
          ],
        },
        auth
      )
      const wooChannel = await api.post(
        "/admin/marketplace/channels",
        {
          name: "WooCommerce", code: "woo", provider_id: "woocommerce", sales_channel_id: channels[0].id, order_import_enabled: true,
          credentials: { store_url: WOO_STORE, ...WOO_KEYS, webhook_secret: WOO_SECRET },
        },
        auth
      )
      shop.webhooks.push({ url: `${api.defaults.baseURL}/hooks/marketplace/${shopifyChannel.data.channel.id}`, duplicate: true })
      woo.store.addWebhook({ delivery_url: `${api.defaults.baseURL}/hooks/marketplace/${wooChannel.data.channel.id}`, secret: WOO_SECRET, topic: "order.created" })
      await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: shopifyChannel.data.channel.id, channel_sku: "SHOP-TSHIRT-M", variant_id: store.variant("TSHIRT-M") },
            { channel_id: wooChannel.data.channel.id, channel_sku: "WOO-TSHIRT-M", variant_id: store.variant("TSHIRT-M") },
          ],
        },
        auth
      )
      // TSHIRT-M: 25 in east, 8 in west; WooCommerce holds one number, 33.
      await eventually(() => expect([shopifyAt(east), shopifyAt(west), wooStock()]).toEqual([25, 8, 33]))
    })

    afterEach(() => {
      expect(shopify.unexpected).toEqual([])
      expect(woo.unexpected).toEqual([])
    })

    it("pushes a Store API checkout to Shopify per location and to WooCommerce per SKU", async () => {
      const { order_id } = await checkout({
        baseUrl: api.defaults.baseURL as string,
        publishableKey: store.publishableKey,
        regionId: store.regionId,
        items: [{ variant_id: store.variant("TSHIRT-M"), quantity: 3 }],
      })
      await eventually(() => {
        expect([[22, 8], [25, 5]]).toContainEqual([shopifyAt(east), shopifyAt(west)])
        expect(wooStock()).toBe(30)
      })
      // Shopify's inventory item id was resolved once and kept on the listing; WooCommerce's product id too.
      const { data } = await api.get("/admin/marketplace/listings?q=TSHIRT-M&fields=channel_sku,channel_product_id", auth)
      const ids = Object.fromEntries(data.listings.map((l: any) => [l.channel_sku, l.channel_product_id]))
      expect(ids).toEqual({ "SHOP-TSHIRT-M": [...shop.items.keys()][0], "WOO-TSHIRT-M": String(wooProductId) })
      const lookups = shopify.requests.filter((r) => r.fields.includes("productVariants")).length
      expect(lookups).toBe(1)
      await api.post(`/admin/orders/${order_id}/cancel`, {}, auth)
      await eventually(() => expect([shopifyAt(east), shopifyAt(west), wooStock()]).toEqual([25, 8, 33]))
    })

    it("imports a Shopify order from its webhook and lowers WooCommerce; a WooCommerce order lowers Shopify", async () => {
      await shopify.placeOrder(shop, { lines: [{ sku: "SHOP-TSHIRT-M", quantity: 2 }] })
      // Delivered twice (Shopify repeats deliveries), imported once; WooCommerce drops by 2 (as
      // soon as the order is queued: its units count before the import finishes).
      await eventually(() => expect(wooStock()).toBe(31))
      await eventually(async () => {
        const { data: imported } = await api.get("/admin/marketplace/channel-orders?fields=id,status,order_id,external_id", auth)
        expect(imported.channel_orders).toMatchObject([{ status: "imported", external_id: `gid://shopify/Order/${shop.orders[0].id}` }])
      })
      // Shopify lowered its own first location at the sale; after the import our push agrees with it.
      await eventually(() => expect(shopifyAt(east)! + shopifyAt(west)!).toBe(31))

      const sold = woo.store.addOrder({ line_items: [{ name: "T-shirt M", product_id: wooProductId, variation_id: 0, quantity: 4, sku: "WOO-TSHIRT-M", price: 19 }] })
      expect((await woo.sendOrderWebhook(sold, "order.created")).map((d) => d.status)).toEqual([200])
      await eventually(() => expect(shopifyAt(east)! + shopifyAt(west)!).toBe(27))
      await eventually(() => expect(wooStock()).toBe(27))
      await eventually(async () => {
        const { data: both } = await api.get("/admin/marketplace/channel-orders?fields=id,status", auth)
        expect(both.channel_orders.map((o: any) => o.status)).toEqual(["imported", "imported"])
      })
      // The WooCommerce order is in Medusa once, with its channel's id.
      const { data: orders } = await api.get("/admin/orders?fields=id", auth)
      expect(orders.orders).toHaveLength(2)
    })
  },
})
