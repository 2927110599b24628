import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedStore } from "../../dev/seed-demo"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"
import { checkout } from "../helpers/checkout"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const EU = "checkout-eu-key-0001"
const OUTLET = "checkout-outlet-key-0002"

const stockOf = (key: string, sku: string, location: string) => sandbox.store.accounts.get(key)?.listings.get(sku)?.stock.get(location)?.quantity

/** The demo store (region, shipping, system payment, Webshop key) and two channels like the demo's. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let store: { publishableKey: string; regionId: string; variant: (sku: string) => string; location: (name: string) => string }

    beforeEach(async () => {
      sandbox.store.reset()
      const eu = sandbox.store.addAccount({ api_key: EU, name: "EU", locations: [{ code: "EAST" }, { code: "WEST" }] })
      const outlet = sandbox.store.addAccount({ api_key: OUTLET, name: "Outlet" })
      sandbox.store.upsertListing(eu, { sku: "EU-TSHIRT-M" })
      sandbox.store.upsertListing(outlet, { sku: "OUT-TSHIRT-M" })
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
      store = {
        publishableKey: keys[0].token,
        regionId: regions[0].id,
        variant: (sku) => variants.find((v: any) => v.sku === sku).id,
        location: (name) => locations.find((l: any) => l.name === name).id,
      }
      const euChannel = await api.post(
        "/admin/marketplace/channels",
        {
          name: "EU", code: "eu", provider_id: "sandbox", credentials: { api_key: EU },
          locations: [
            { external_id: "EAST", code: "EAST", stock_location_ids: [store.location("East warehouse")] },
            { external_id: "WEST", code: "WEST", stock_location_ids: [store.location("West warehouse")] },
          ],
        },
        auth
      )
      const outletChannel = await api.post(
        "/admin/marketplace/channels",
        { name: "Outlet", code: "outlet", provider_id: "sandbox", credentials: { api_key: OUTLET }, sales_channel_id: channels[0].id, rules: { allocation_percentage: 60, buffer: 2 } },
        auth
      )
      await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: euChannel.data.channel.id, channel_sku: "EU-TSHIRT-M", variant_id: store.variant("TSHIRT-M") },
            { channel_id: outletChannel.data.channel.id, channel_sku: "OUT-TSHIRT-M", variant_id: store.variant("TSHIRT-M") },
          ],
        },
        auth
      )
      // TSHIRT-M: 25 in east, 8 in west. Outlet: floor(33 × 60 %) − 2 = 17.
      await eventually(() =>
        expect([stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST"), stockOf(OUTLET, "OUT-TSHIRT-M", "default")]).toEqual([25, 8, 17])
      )
    })

    it("pushes a completed cart's lower quantity to every channel, and the quantity back when the order is canceled", async () => {
      const baseUrl = api.defaults.baseURL as string
      const { order_id } = await checkout({
        baseUrl,
        publishableKey: store.publishableKey,
        regionId: store.regionId,
        items: [{ variant_id: store.variant("TSHIRT-M"), quantity: 3 }],
      })
      // Medusa reserves at one of the sales channel's locations with enough stock (which one is
      // not fixed): that location drops by 3 on the per-location channel; outlet floor(30 × 60 %) − 2 = 16.
      await eventually(() => {
        expect([[22, 8], [25, 5]]).toContainEqual([stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST")])
        expect(stockOf(OUTLET, "OUT-TSHIRT-M", "default")).toBe(16)
      })
      // The channel answers before the result is written: wait for the logged successes.
      await eventually(async () => {
        const { data } = await api.get(`/admin/marketplace/sync-logs?q=TSHIRT-M&status=success`, auth)
        expect(data.sync_logs.filter((r: any) => r.trigger_id === order_id || r.trigger_event === "reservation-item.created").length).toBeGreaterThan(0)
      })

      await api.post(`/admin/orders/${order_id}/cancel`, {}, auth)
      await eventually(() =>
        expect([stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST"), stockOf(OUTLET, "OUT-TSHIRT-M", "default")]).toEqual([25, 8, 17])
      )
    })

    it("pushes a fulfilment shipped from the other warehouse, and a received return", async () => {
      const { order_id } = await checkout({
        baseUrl: api.defaults.baseURL as string,
        publishableKey: store.publishableKey,
        regionId: store.regionId,
        items: [{ variant_id: store.variant("TSHIRT-M"), quantity: 3 }],
      })
      const reservedEast = await eventually(() => {
        const pair = [stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST")]
        expect([[22, 8], [25, 5]]).toContainEqual(pair)
        return pair[0] === 22
      })
      const other = reservedEast ? "West warehouse" : "East warehouse"
      const { data } = await api.get(`/admin/orders/${order_id}?fields=id,items.id`, auth)
      const itemId = data.order.items[0].id

      // Shipping from the other warehouse frees the reservation where it was and takes the stock
      // where it left: the per-location channel sees both; the store-wide total stays 30.
      await api.post(`/admin/orders/${order_id}/fulfillments`, { items: [{ id: itemId, quantity: 3 }], location_id: store.location(other) }, auth)
      const afterFulfilment = reservedEast ? [25, 5] : [22, 8]
      await eventually(() => expect([stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST")]).toEqual(afterFulfilment))
      expect(stockOf(OUTLET, "OUT-TSHIRT-M", "default")).toBe(16)

      // The return comes back into the warehouse it shipped from.
      const { data: created } = await api.post("/admin/returns", { order_id, location_id: store.location(other) }, auth)
      const returnId = created.return.id
      await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: itemId, quantity: 3 }] }, auth)
      await api.post(`/admin/returns/${returnId}/request`, {}, auth)
      await api.post(`/admin/returns/${returnId}/receive`, {}, auth)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: itemId, quantity: 3 }] }, auth)
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, auth)
      await eventually(() =>
        expect([stockOf(EU, "EU-TSHIRT-M", "EAST"), stockOf(EU, "EU-TSHIRT-M", "WEST"), stockOf(OUTLET, "OUT-TSHIRT-M", "default")]).toEqual([25, 8, 17])
      )
      await eventually(async () => {
        const { data: log } = await api.get(`/admin/marketplace/sync-logs?q=TSHIRT-M&status=success&limit=100`, auth)
        const events = new Set(log.sync_logs.map((r: { trigger_event: string }) => r.trigger_event))
        // Several events announce each of these moves; whichever marked first is the trigger.
        expect(["order.fulfillment_created", "inventory-level.updated", "reservation-item.deleted"].some((e) => events.has(e))).toBe(true)
        expect(["order.return_received", "inventory-level.updated"].some((e) => events.has(e))).toBe(true)
      })
    })
  },
})
