import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryItemsWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { createChannelWorkflow, createListingsWorkflow, markStockChangedWorkflow } from "../src/workflows/marketplace"
import type { MarketplaceModuleService } from "../src/modules/marketplace"
import { autoMatch } from "../src/lib/matching/auto-match"
import { DEMO_ACCOUNTS } from "./demo-accounts"
import { DEMO_SHOP_SKUS, DEMO_SHOPS } from "./demo-stand-ins"

const COUNTRIES = ["de", "fr", "nl", "es", "it", "dk", "se"]

/**
 * `medusa exec ./dev/seed-demo.ts`, run by `npm run demo`. Safe to re-run: every part checks
 * whether it exists first.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  await seedAdmin(container)

  const { data: existing } = await query.graph({ entity: "product", fields: ["id"], filters: { handle: "demo-tshirt" } })
  if (!existing.length) {
    await seedStore(container)
    logger.info("demo: store seeded")
  }
  await registerSandboxListings()
  await seedChannels(container)
  await seedShopChannels(container)
  await pushCurrentQuantities(container)
}

async function seedAdmin(container: ExecArgs["container"]) {
  const email = process.env.DEMO_ADMIN_EMAIL ?? "admin@example.com"
  const password = process.env.DEMO_ADMIN_PASSWORD ?? "supersecret"
  const users = container.resolve(Modules.USER)
  if ((await users.listUsers({ email })).length) {
    return
  }
  const user = await users.createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } } as never)
  if (error || !authIdentity) {
    throw new Error(`demo: could not create the admin login: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
}

export async function seedStore(container: ExecArgs["container"]) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [store] = await container.resolve(Modules.STORE).listStores()

  const { result: [webshop] } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Webshop", description: "Demo storefront" }] },
  })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { supported_currencies: [{ currency_code: "eur", is_default: true }], default_sales_channel_id: webshop.id },
    },
  })
  const { result: [region] } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "Europe", currency_code: "eur", countries: COUNTRIES, payment_providers: ["pp_system_default"] }] },
  })
  await createTaxRegionsWorkflow(container).run({ input: COUNTRIES.map((country_code) => ({ country_code, provider_id: "tp_system" })) })

  const { result: [east, west] } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        { name: "East warehouse", address: { city: "Berlin", country_code: "DE", address_1: "" } },
        { name: "West warehouse", address: { city: "Rotterdam", country_code: "NL", address_1: "" } },
      ],
    },
  })
  for (const location of [east, west]) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [webshop.id] } })
    await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } })
  }

  const profiles = await fulfillment.listShippingProfiles({ type: "default" })
  const profile = profiles[0] ?? (await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
  })).result[0]
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "East warehouse delivery",
    type: "shipping",
    service_zones: [{ name: "Europe", geo_zones: COUNTRIES.map((country_code) => ({ country_code, type: "country" as const })) }],
  })
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: east.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id } })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "Ships in 2-3 days", code: "standard" },
        prices: [{ currency_code: "eur", amount: 5 }, { region_id: region.id, amount: 5 }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const { result: [publishableKey] } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Webshop", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: publishableKey.id, add: [webshop.id] } })

  const { result: [frame, wheel] } = await createInventoryItemsWorkflow(container).run({
    input: { items: [{ sku: "BIKE-FRAME", title: "Bike frame" }, { sku: "BIKE-WHEEL", title: "Bike wheel" }] },
  })
  const price = (amount: number) => [{ amount, currency_code: "eur" }]
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Demo T-Shirt", handle: "demo-tshirt", status: "published", shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["S", "M", "L"] }],
          variants: ["S", "M", "L"].map((size) => ({ title: size, sku: `TSHIRT-${size}`, options: { Size: size }, prices: price(20) })),
          sales_channels: [{ id: webshop.id }],
        },
        {
          title: "Demo Sweatpants", handle: "demo-sweatpants", status: "published", shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["M", "L"] }],
          variants: ["M", "L"].map((size) => ({ title: size, sku: `SWEAT-${size}`, options: { Size: size }, prices: price(35) })),
          sales_channels: [{ id: webshop.id }],
        },
        {
          title: "Demo Bike Kit", handle: "demo-bike-kit", status: "published", shipping_profile_id: profile.id,
          options: [{ title: "Kit", values: ["Standard"] }],
          variants: [{
            title: "Standard", sku: "BIKE-KIT", options: { Kit: "Standard" }, prices: price(300),
            inventory_items: [{ inventory_item_id: frame.id, required_quantity: 1 }, { inventory_item_id: wheel.id, required_quantity: 2 }],
          }],
          sales_channels: [{ id: webshop.id }],
        },
      ],
    },
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const variantIds = products.flatMap((p) => p.variants.map((v) => v.id))
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["sku", "inventory_items.inventory_item_id"],
    filters: { id: variantIds },
  })
  const stock: Record<string, [number, number]> = {
    "TSHIRT-S": [12, 3], "TSHIRT-M": [25, 8], "TSHIRT-L": [4, 0], "SWEAT-M": [9, 9], "SWEAT-L": [0, 2],
  }
  const levels = variants.flatMap((variant: { sku: string; inventory_items: { inventory_item_id: string }[] }) => {
    const [e, w] = stock[variant.sku] ?? [0, 0]
    const item = variant.inventory_items[0]?.inventory_item_id
    return variant.sku === "BIKE-KIT" || !item
      ? []
      : [
          { inventory_item_id: item, location_id: east.id, stocked_quantity: e },
          { inventory_item_id: item, location_id: west.id, stocked_quantity: w },
        ]
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        ...levels,
        { inventory_item_id: frame.id, location_id: east.id, stocked_quantity: 7 },
        { inventory_item_id: wheel.id, location_id: east.id, stocked_quantity: 10 },
        { inventory_item_id: frame.id, location_id: west.id, stocked_quantity: 2 },
        { inventory_item_id: wheel.id, location_id: west.id, stocked_quantity: 6 },
      ],
    },
  })
}

export { DEMO_ACCOUNTS }

/** The demo channels' listings; the sandbox marketplace gets the same catalogue on every start. */
const EU_SKUS = ["TSHIRT-S", "TSHIRT-M", "TSHIRT-L", "SWEAT-M", "SWEAT-L", "BIKE-KIT"]
const DEMO_LISTINGS = {
  eu: EU_SKUS.map((sku) => ({ channel_sku: `EU-${sku}`, channel_product_id: `SBXEU-${sku}`, variant_sku: sku as string | null, pack_size: 1, title: null as string | null })),
  outlet: [
    ...["TSHIRT-M", "TSHIRT-L", "SWEAT-M"].map((sku) => ({ channel_sku: `OUT-${sku}`, channel_product_id: `SBXOUT-${sku}`, variant_sku: sku as string | null, pack_size: 1, title: null as string | null })),
    { channel_sku: "OUT-SWEAT-M-2PK", channel_product_id: "SBXOUT-SWEAT-M-2PK", variant_sku: "SWEAT-M", pack_size: 2, title: "Sweatpants M, pack of 2" },
    { channel_sku: "OUT-MYSTERY-BOX", channel_product_id: "SBXOUT-MYSTERY-BOX", variant_sku: null, pack_size: 1, title: "Listed on the channel, not matched yet" },
    // Typed differently on the channel: the matcher suggests TSHIRT-S (normalised SKU) for a person to accept.
    { channel_sku: "tshirt_s", channel_product_id: "SBXOUT-TSHIRT-S", variant_sku: null, pack_size: 1, title: "T-shirt S (the channel's own spelling)" },
  ],
}

async function seedChannels(container: ExecArgs["container"]) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id", "name"] })
  const byName = (name: string) => locations.find((l: { name: string }) => l.name === name)?.id as string
  const { data: [webshop] } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Webshop" } })
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "sku"] })
  const variantId = (sku: string | null) => (sku ? (variants.find((v: { sku: string }) => v.sku === sku)?.id as string) : null)
  const listingInput = (channelId: string, listings: (typeof DEMO_LISTINGS)["eu"]) =>
    listings.map(({ variant_sku, title, ...rest }) => ({ ...rest, ...(title ? { title } : {}), channel_id: channelId, variant_id: variantId(variant_sku) }))

  if (!(await marketplace.listChannels({ code: "sandbox-eu" })).length) {
    const { result: eu } = await createChannelWorkflow(container).run({
      input: {
        name: "Sandbox EU", code: "sandbox-eu", provider_id: "sandbox",
        credentials: { api_key: DEMO_ACCOUNTS.eu.api_key },
        locations: [
          { external_id: "EAST", code: "EAST", name: "Berlin hub", stock_location_ids: [byName("East warehouse")] },
          { external_id: "WEST", code: "WEST", name: "Rotterdam hub", stock_location_ids: [byName("West warehouse")] },
        ],
      },
    })
    await createListingsWorkflow(container).run({ input: { listings: listingInput(eu.id, DEMO_LISTINGS.eu) } })
  }
  if (!(await marketplace.listChannels({ code: "sandbox-outlet" })).length) {
    const { result: outlet } = await createChannelWorkflow(container).run({
      input: {
        name: "Sandbox Outlet", code: "sandbox-outlet", provider_id: "sandbox",
        credentials: { api_key: DEMO_ACCOUNTS.outlet.api_key, webhook_secret: DEMO_ACCOUNTS.outlet.webhook_secret },
        sales_channel_id: webshop?.id, rules: { allocation_percentage: 60, buffer: 2 },
        order_import_enabled: true,
      },
    })
    await createListingsWorkflow(container).run({ input: { listings: listingInput(outlet.id, DEMO_LISTINGS.outlet) } })
    // Suggestions for the unmatched ones, as "Auto-match" on the Matching page would make.
    await autoMatch(container, outlet.id)
  }
}

/**
 * With the demo's Shopify and WooCommerce stand-ins running (`npm run demo` passes their
 * Shopify location ids), a channel on each: Shopify per location, WooCommerce per SKU, both
 * taking orders by webhook.
 */
async function seedShopChannels(container: ExecArgs["container"]) {
  const shopifyLocations = process.env.DEMO_SHOPIFY_LOCATIONS?.split(",").filter(Boolean)
  if (!shopifyLocations?.length) {
    return
  }
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id", "name"] })
  const byName = (name: string) => locations.find((l: { name: string }) => l.name === name)?.id as string
  const { data: [webshop] } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Webshop" } })
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "sku"], filters: { sku: DEMO_SHOP_SKUS } })
  const listings = (channelId: string, prefix: string) =>
    variants.map((v: { id: string; sku: string }) => ({ channel_id: channelId, channel_sku: `${prefix}-${v.sku}`, variant_id: v.id }))
  if (!(await marketplace.listChannels({ code: "demo-shopify" })).length) {
    const { result } = await createChannelWorkflow(container).run({
      input: {
        name: "Shopify (stand-in)", code: "demo-shopify", provider_id: "shopify", sales_channel_id: webshop?.id, order_import_enabled: true,
        credentials: { shop_domain: DEMO_SHOPS.shopify.domain, access_token: DEMO_SHOPS.shopify.access_token, webhook_secret: DEMO_SHOPS.shopify.webhook_secret },
        locations: [
          { external_id: shopifyLocations[0], code: "BERLIN", name: "Berlin warehouse", stock_location_ids: [byName("East warehouse")] },
          { external_id: shopifyLocations[1], code: "ROTTERDAM", name: "Rotterdam warehouse", stock_location_ids: [byName("West warehouse")] },
        ],
      },
    })
    await createListingsWorkflow(container).run({ input: { listings: listings(result.id, "SHOP") } })
  }
  if (!(await marketplace.listChannels({ code: "demo-woo" })).length) {
    const { result } = await createChannelWorkflow(container).run({
      input: {
        name: "WooCommerce (stand-in)", code: "demo-woo", provider_id: "woocommerce", sales_channel_id: webshop?.id, order_import_enabled: true,
        credentials: { ...DEMO_SHOPS.woocommerce },
      },
    })
    await createListingsWorkflow(container).run({ input: { listings: listings(result.id, "WOO") } })
  }
}

/** The sandbox keeps its catalogue in memory: list every demo SKU there on each start, before any push. */
async function registerSandboxListings() {
  const sandboxUrl = process.env.SANDBOX_URL
  if (!sandboxUrl) {
    return
  }
  for (const [account, listings] of [[DEMO_ACCOUNTS.eu, DEMO_LISTINGS.eu], [DEMO_ACCOUNTS.outlet, DEMO_LISTINGS.outlet]] as const) {
    const response = await fetch(`${sandboxUrl}/api/listings`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": account.api_key },
      body: JSON.stringify({
        items: listings.map((l) => ({ sku: l.channel_sku, product_id: l.channel_product_id, title: l.title ?? undefined })),
      }),
    })
    if (!response.ok) {
      throw new Error(`demo: sandbox refused the listings of ${account.name}: ${response.status} ${await response.text()}`)
    }
  }
}

/** The sandbox starts empty each time: push every listing's current quantity and wait for it. */
async function pushCurrentQuantities(container: ExecArgs["container"]) {
  const marketplace = container.resolve<MarketplaceModuleService>("marketplace")
  const channels = await marketplace.listChannels({ code: ["sandbox-eu", "sandbox-outlet", "demo-shopify", "demo-woo"] })
  await markStockChangedWorkflow(container).run({
    input: { trigger: { event: "demo.start" }, channel_ids: channels.map((c) => c.id), force: true },
  })
  await marketplace.flushNow()
}
