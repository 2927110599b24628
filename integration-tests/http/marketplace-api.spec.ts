import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Client } from "pg"
import { adminHeaders } from "../helpers/admin"
import { useSandbox } from "../helpers/sandbox"
import { seedStock, SeededStock } from "../helpers/stock"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const SECRET = "sbx-live-4f9a8c7d6e5b"

/** Every admin route of the plugin, for the "no session → 401" sweep. */
const ROUTES: [string, string][] = [
  ["get", "/admin/marketplace/providers"],
  ["get", "/admin/marketplace/channels"],
  ["post", "/admin/marketplace/channels"],
  ["get", "/admin/marketplace/channels/mch_x"],
  ["post", "/admin/marketplace/channels/mch_x"],
  ["delete", "/admin/marketplace/channels/mch_x"],
  ["post", "/admin/marketplace/channels/mch_x/test-connection"],
  ["get", "/admin/marketplace/channels/mch_x/locations"],
  ["post", "/admin/marketplace/channels/mch_x/locations"],
  ["post", "/admin/marketplace/channels/mch_x/locations/mcloc_x"],
  ["delete", "/admin/marketplace/channels/mch_x/locations/mcloc_x"],
  ["get", "/admin/marketplace/listings"],
  ["post", "/admin/marketplace/listings"],
  ["post", "/admin/marketplace/listings/batch"],
  ["get", "/admin/marketplace/listings/mlst_x"],
  ["post", "/admin/marketplace/listings/mlst_x"],
  ["delete", "/admin/marketplace/listings/mlst_x"],
  ["get", "/admin/marketplace/listings/mlst_x/preview"],
  ["post", "/admin/marketplace/listings/mlst_x/sync"],
  ["post", "/admin/marketplace/channels/mch_x/sync"],
  ["get", "/admin/marketplace/sync-logs"],
  ["post", "/admin/marketplace/sync-logs/force-push"],
  ["get", "/admin/marketplace/exports"],
  ["post", "/admin/marketplace/exports"],
  ["get", "/admin/marketplace/exports/mexp_x"],
  ["get", "/admin/marketplace/exports/mexp_x/download"],
  ["get", "/admin/marketplace/reconciliations"],
  ["post", "/admin/marketplace/reconciliations"],
  ["get", "/admin/marketplace/reconciliations/mrec_x"],
  ["post", "/admin/marketplace/reconciliations/force"],
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let auth: { headers: Record<string, string> }
    let stock: SeededStock

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.store.addAccount({ api_key: SECRET, name: "Sandbox EU", locations: [{ code: "EAST" }, { code: "WEST" }] })
      auth = await adminHeaders(getContainer(), api)
      stock = await seedStock(getContainer())
    })

    const fail = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected the request to fail")
        },
        (error) => error.response as { status: number; data: { message: string } }
      )

    const createChannel = (body: Record<string, unknown> = {}) =>
      api.post(
        "/admin/marketplace/channels",
        { name: "Sandbox EU", code: "sandbox-eu", provider_id: "sandbox", credentials: { api_key: SECRET }, ...body },
        auth
      )

    it("answers 401 on every admin route without a session", async () => {
      for (const [method, url] of ROUTES) {
        const response = await fail((api as any)[method](url, ...(method === "post" ? [{}] : [])))
        expect([method, url, response.status]).toEqual([method, url, 401])
      }
    })

    it("lists the registered providers with their capabilities and credential form", async () => {
      const { data } = await api.get("/admin/marketplace/providers", auth)
      expect(data.providers).toEqual([
        expect.objectContaining({
          id: "amazon",
          identifier: "amazon",
          capabilities: expect.objectContaining({ push_mode: "async", per_location: false }),
          credential_fields: expect.arrayContaining([expect.objectContaining({ name: "refresh_token", secret: true, required: true })]),
          setting_fields: [expect.objectContaining({ name: "feed_threshold", type: "number", default: 50 })],
        }),
        expect.objectContaining({
          id: "ebay",
          identifier: "ebay",
          capabilities: expect.objectContaining({ batch_size: 25, revision_cap: expect.objectContaining({ per_day: 250 }) }),
          credential_fields: expect.arrayContaining([expect.objectContaining({ name: "marketplace_id", required: true })]),
          setting_fields: [expect.objectContaining({ name: "out_of_stock_control", type: "boolean", default: false })],
        }),
        expect.objectContaining({
          id: "sandbox",
          identifier: "sandbox",
          is_enabled: true,
          capabilities: expect.objectContaining({ batch_size: 50, per_location: true, catalogue: true, order_import: true, webhooks: true }),
          credential_fields: [
            expect.objectContaining({ name: "api_key", secret: true, required: true }),
            expect.objectContaining({ name: "webhook_secret", secret: true, required: false }),
          ],
        }),
        expect.objectContaining({
          id: "shopify",
          identifier: "shopify",
          capabilities: expect.objectContaining({ batch_size: 250, per_location: true, push_mode: "sync" }),
          credential_fields: [
            expect.objectContaining({ name: "shop_domain", secret: false, required: true }),
            expect.objectContaining({ name: "access_token", secret: true, required: true }),
            expect.objectContaining({ name: "webhook_secret", secret: true, required: false }),
          ],
        }),
        expect.objectContaining({
          id: "woocommerce",
          identifier: "woocommerce",
          capabilities: expect.objectContaining({ batch_size: 100, per_location: false }),
          credential_fields: expect.arrayContaining([expect.objectContaining({ name: "store_url", required: true })]),
          setting_fields: [],
        }),
      ])
    })

    it("keeps a channel's settings, checked against its provider, with defaults and the warnings they call for", async () => {
      const ebay = { name: "eBay US", code: "ebay-us", provider_id: "ebay", credentials: { client_id: "app", client_secret: "cert", refresh_token: "v^1.1#r", marketplace_id: "EBAY_US" } }
      const wrongType = await fail(api.post("/admin/marketplace/channels", { ...ebay, settings: { out_of_stock_control: 1 } }, auth))
      expect(wrongType.status).toBe(400)
      expect(wrongType.data.message).toBe("settings.out_of_stock_control must be true or false")
      const unknown = await fail(api.post("/admin/marketplace/channels", { ...ebay, settings: { feed_threshold: 10 } }, auth))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("settings.feed_threshold is not a setting of this provider")
      expect((await api.get("/admin/marketplace/channels", auth)).data.count).toBe(0)

      const { data } = await api.post("/admin/marketplace/channels", ebay, auth)
      expect(data.channel.settings).toEqual({ out_of_stock_control: false })
      expect(data.channel.warnings).toEqual([expect.stringContaining("Out-of-Stock Control")])
      const on = await api.post(`/admin/marketplace/channels/${data.channel.id}`, { settings: { out_of_stock_control: true } }, auth)
      expect(on.data.channel).toMatchObject({ settings: { out_of_stock_control: true }, warnings: [] })
      const renamed = await api.post(`/admin/marketplace/channels/${data.channel.id}`, { name: "eBay US store" }, auth)
      expect(renamed.data.channel.settings).toEqual({ out_of_stock_control: true })

      const amazon = await api.post(
        "/admin/marketplace/channels",
        {
          name: "Amazon US", code: "amazon-us", provider_id: "amazon", settings: { feed_threshold: 200 },
          credentials: { seller_id: "A1SELLER", marketplace_ids: "ATVPDKIKX0DER", lwa_client_id: "amzn1.application-oa2-client.x", lwa_client_secret: "s", refresh_token: "Atzr|r" },
        },
        auth
      )
      expect(amazon.data.channel.settings).toEqual({ feed_threshold: 200 })
      const range = await fail(api.post(`/admin/marketplace/channels/${amazon.data.channel.id}`, { settings: { feed_threshold: 0 } }, auth))
      expect(range.status).toBe(400)
      expect(range.data.message).toBe("settings.feed_threshold must be between 1 and 25000")
      const reset = await api.post(`/admin/marketplace/channels/${amazon.data.channel.id}`, { settings: null }, auth)
      expect(reset.data.channel.settings).toEqual({ feed_threshold: 50 })
    })

    it("creates a channel with encrypted, write-only credentials", async () => {
      const { status, data } = await createChannel({ rules: { allocation_percentage: 80, buffer: 2 } })
      expect(status).toBe(201)
      expect(data.channel).toMatchObject({ code: "sandbox-eu", has_credentials: true, rules: { allocation_percentage: 80, buffer: 2 } })
      expect(data.channel.credentials.api_key).toBe(`••••••••${SECRET.slice(-4)}`)
      expect(JSON.stringify(data)).not.toContain(SECRET)
      expect(data.channel).not.toHaveProperty("credentials_encrypted")

      const list = await api.get("/admin/marketplace/channels", auth)
      expect(list.data).toMatchObject({ count: 1, offset: 0, limit: 50 })
      expect(JSON.stringify(list.data)).not.toContain(SECRET)
      const one = await api.get(`/admin/marketplace/channels/${data.channel.id}`, auth)
      expect(JSON.stringify(one.data)).not.toContain(SECRET)

      const db = new Client({ connectionString: dbConfig.clientUrl })
      await db.connect()
      const { rows } = await db.query("select credentials_encrypted from mkt_channel where id = $1", [data.channel.id])
      await db.end()
      expect(rows[0].credentials_encrypted).toMatch(/^v1\./)
      expect(rows[0].credentials_encrypted).not.toContain(SECRET)
    })

    it("refuses invalid channel bodies with a 400 naming the field, and creates nothing", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ code: "Not A Code" }, "code"],
        [{ rules: { allocation_percentage: 150 } }, "allocation_percentage"],
        [{ rules: { buffr: 1 } }, "buffr"],
        [{ colour: "red" }, "colour"],
        [{ provider_id: "nope" }, "provider_id"],
        [{ credentials: {} }, "credentials.api_key"],
        [{ sales_channel_id: "sc_missing" }, "sc_missing"],
        [{ locations: [{ external_id: "E", code: "EAST", stock_location_ids: ["sloc_missing"] }] }, "sloc_missing"],
      ]
      for (const [body, field] of cases) {
        const response = await fail(createChannel(body))
        expect([field, response.status]).toEqual([field, 400])
        expect(response.data.message).toContain(field)
      }
      const { data } = await api.get("/admin/marketplace/channels", auth)
      expect(data.count).toBe(0)
    })

    it("refuses a second channel with the same code", async () => {
      await createChannel()
      const response = await fail(createChannel({ name: "Other" }))
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    })

    it("answers 404 for unknown channel and listing ids", async () => {
      for (const call of [
        () => api.get("/admin/marketplace/channels/mch_unknown", auth),
        () => api.post("/admin/marketplace/channels/mch_unknown", { name: "x" }, auth),
        () => api.delete("/admin/marketplace/channels/mch_unknown", auth),
        () => api.get("/admin/marketplace/listings/mlst_unknown", auth),
        () => api.post("/admin/marketplace/listings/mlst_unknown", { title: "x" }, auth),
        () => api.delete("/admin/marketplace/listings/mlst_unknown", auth),
        () => api.get("/admin/marketplace/listings/mlst_unknown/preview", auth),
      ]) {
        expect((await fail(call())).status).toBe(404)
      }
    })

    it("tests the connection against the sandbox marketplace with the stored key", async () => {
      const { data } = await createChannel()
      const ok = await api.post(`/admin/marketplace/channels/${data.channel.id}/test-connection`, {}, auth)
      expect(ok.data.connection).toEqual({ ok: true, account: "Sandbox EU" })

      await api.post(`/admin/marketplace/channels/${data.channel.id}`, { credentials: { api_key: "wrong-key-000000" } }, auth)
      const refused = await api.post(`/admin/marketplace/channels/${data.channel.id}/test-connection`, {}, auth)
      expect(refused.data.connection).toMatchObject({ ok: false, error: { kind: "auth", code: "UNAUTHORIZED" } })
      expect(sandbox.requests.map((r) => [r.path, r.api_key, r.status])).toEqual([
        ["/api/account", SECRET, 200],
        ["/api/account", "wrong-key-000000", 401],
      ])
    })

    it("updates rules and disables stock updates with a reason", async () => {
      const { data } = await createChannel()
      const updated = await api.post(
        `/admin/marketplace/channels/${data.channel.id}`,
        { rules: { max_quantity: 5 }, sync_enabled: false, disabled_reason: "Holiday closure" },
        auth
      )
      expect(updated.data.channel).toMatchObject({ rules: { max_quantity: 5 }, sync_enabled: false, disabled_reason: "Holiday closure" })
      expect(updated.data.channel.credentials.api_key).toBe(`••••••••${SECRET.slice(-4)}`)
    })

    it("maps channel locations to stock locations and edits the mapping", async () => {
      const { data } = await createChannel()
      const id = data.channel.id
      const created = await api.post(
        `/admin/marketplace/channels/${id}/locations`,
        { external_id: "loc-east", code: "EAST", name: "East", stock_location_ids: [stock.east] },
        auth
      )
      expect(created.status).toBe(201)
      const locationId = created.data.location.id
      const updated = await api.post(
        `/admin/marketplace/channels/${id}/locations/${locationId}`,
        { stock_location_ids: [stock.east, stock.west] },
        auth
      )
      expect(updated.data.location.stock_location_ids).toEqual([stock.east, stock.west])
      const bad = await fail(
        api.post(`/admin/marketplace/channels/${id}/locations/${locationId}`, { stock_location_ids: ["sloc_nope"] }, auth)
      )
      expect(bad.status).toBe(400)
      const list = await api.get(`/admin/marketplace/channels/${id}/locations`, auth)
      expect(list.data.locations[0].stock_location_ids).toEqual([stock.east, stock.west])
      await api.delete(`/admin/marketplace/channels/${id}/locations/${locationId}`, auth)
      expect((await api.get(`/admin/marketplace/channels/${id}/locations`, auth)).data.count).toBe(0)
    })

    it("creates listings one by one and in bulk, all or nothing, and filters them", async () => {
      const { data } = await createChannel()
      const channel_id = data.channel.id
      const single = await api.post(
        "/admin/marketplace/listings",
        { channel_id, channel_sku: "SBX-SHIRT", channel_product_id: "B00SHIRT", variant_id: stock.shirt.variantId },
        auth
      )
      expect(single.data.listing).toMatchObject({
        id: expect.stringMatching(/^mlst_/),
        channel_id,
        variant_id: stock.shirt.variantId,
        channel_sku: "SBX-SHIRT",
        channel_product_id: "B00SHIRT",
        variant: { sku: "SHIRT-M", product_title: "Shirt" },
      })

      const clash = await fail(
        api.post(
          "/admin/marketplace/listings/batch",
          { listings: [{ channel_id, channel_sku: "SBX-NEW" }, { channel_id, channel_sku: "SBX-SHIRT" }] },
          auth
        )
      )
      expect(clash.status).toBeGreaterThanOrEqual(400)
      expect(clash.data.message).toContain("SBX-SHIRT")
      expect((await api.get("/admin/marketplace/listings", auth)).data.count).toBe(1)

      const bulk = await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id, channel_sku: "SBX-BIKE", variant_id: stock.bike.variantId, title: "Bike kit" },
            { channel_id, channel_sku: "SBX-ORPHAN", title: "Not in our catalogue" },
          ],
        },
        auth
      )
      expect(bulk.data.count).toBe(2)

      const bad = await fail(api.post("/admin/marketplace/listings", { channel_id, channel_sku: "X", pack_size: 0 }, auth))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("pack_size")
      const badVariant = await fail(api.post("/admin/marketplace/listings", { channel_id, channel_sku: "X", variant_id: "variant_nope" }, auth))
      expect(badVariant.status).toBe(400)

      const get = (q: string) => api.get(`/admin/marketplace/listings?${q}`, auth).then((r) => r.data)
      expect((await get(`channel_id=${channel_id}`)).count).toBe(3)
      expect((await get("matched=false")).listings.map((l: any) => l.channel_sku)).toEqual(["SBX-ORPHAN"])
      expect((await get("matched=true")).count).toBe(2)
      expect((await get("sku=BIKE-KIT")).listings.map((l: any) => l.channel_sku)).toEqual(["SBX-BIKE"])
      expect((await get("q=orphan")).count).toBe(1)
      expect(await get("limit=1&offset=1&order=channel_sku")).toMatchObject({
        count: 3,
        limit: 1,
        offset: 1,
        listings: [expect.objectContaining({ channel_sku: "SBX-ORPHAN" })],
      })
    })

    it("previews per-location quantities for a per-location channel, kits included", async () => {
      const { data } = await createChannel({
        locations: [
          { external_id: "loc-east", code: "EAST", stock_location_ids: [stock.east] },
          { external_id: "loc-west", code: "WEST", stock_location_ids: [stock.west] },
        ],
      })
      const { data: created } = await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: data.channel.id, channel_sku: "SBX-SHIRT", variant_id: stock.shirt.variantId },
            { channel_id: data.channel.id, channel_sku: "SBX-BIKE", variant_id: stock.bike.variantId },
          ],
        },
        auth
      )
      const [shirt, bike] = created.listings
      const shirtPreview = (await api.get(`/admin/marketplace/listings/${shirt.id}/preview`, auth)).data
      expect(shirtPreview.quantity).toBe(14)
      expect(shirtPreview.breakdown.per_location).toBe(true)
      expect(shirtPreview.breakdown.targets.map((t: any) => [t.location_code, t.quantity])).toEqual([
        ["EAST", 10],
        ["WEST", 4],
      ])
      const bikePreview = (await api.get(`/admin/marketplace/listings/${bike.id}/preview`, auth)).data
      // east: 6 frames, 9 wheels at 2 per kit → min(6, 4) = 4; west holds none.
      expect(bikePreview.breakdown.targets.map((t: any) => [t.location_code, t.quantity])).toEqual([
        ["EAST", 4],
        ["WEST", 0],
      ])
      expect(bikePreview.breakdown.targets[0].breakdown.items.map((i: any) => i.units).sort()).toEqual([4, 6])

      const listed = (await api.get(`/admin/marketplace/listings?channel_id=${data.channel.id}&include_quantity=true&order=channel_sku`, auth)).data
      expect(listed.listings.map((l: any) => [l.channel_sku, l.preview_quantity])).toEqual([
        ["SBX-BIKE", 4],
        ["SBX-SHIRT", 14],
      ])
    })

    it("previews a channel without locations from its sales channel's stock, with allocation, buffer and pack size", async () => {
      const { data } = await createChannel({
        code: "sandbox-alloc",
        sales_channel_id: stock.salesChannelId,
        rules: { allocation_percentage: 50, buffer: 1 },
      })
      const { data: created } = await api.post(
        "/admin/marketplace/listings",
        { channel_id: data.channel.id, channel_sku: "SBX-SHIRT-2PK", variant_id: stock.shirt.variantId, pack_size: 2 },
        auth
      )
      const preview = (await api.get(`/admin/marketplace/listings/${created.listing.id}/preview`, auth)).data
      // only east (10) counts → 5 packs of 2 → 50 % = 2 → minus buffer 1 = 1
      expect(preview.quantity).toBe(1)
      const target = preview.breakdown.targets[0]
      expect(target.breakdown).toMatchObject({ location_ids: [stock.east], units: 10, packs: 5, steps: { after_allocation: 2, after_buffer: 1 } })

      await api.post(`/admin/marketplace/listings/${created.listing.id}`, { rules: { buffer: 0 } }, auth)
      const overridden = (await api.get(`/admin/marketplace/listings/${created.listing.id}/preview`, auth)).data
      expect(overridden.quantity).toBe(2)
      expect(overridden.breakdown.targets[0].breakdown.rule_sources.buffer).toBe("listing")
    })

    it("deletes a channel with its listings", async () => {
      const { data } = await createChannel()
      const { data: created } = await api.post(
        "/admin/marketplace/listings",
        { channel_id: data.channel.id, channel_sku: "SBX-SHIRT", variant_id: stock.shirt.variantId },
        auth
      )
      const deleted = await api.delete(`/admin/marketplace/channels/${data.channel.id}`, auth)
      expect(deleted.data).toEqual({ id: data.channel.id, object: "marketplace_channel", deleted: true })
      expect((await fail(api.get(`/admin/marketplace/listings/${created.listing.id}`, auth))).status).toBe(404)
    })
  },
})
