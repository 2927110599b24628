import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"
import { useSandbox } from "../helpers/sandbox"
import { seedStock, SeededStock } from "../helpers/stock"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const SECRET = "sbx-setup-7c1e9a2b4d6f"
const WRONG = "sbx-wrong-000000000000"

/**
 * Setting a channel up before and after it is saved: credentials tested against the sandbox
 * marketplace without saving them, and the channel's own locations listed and imported as
 * channel locations tied to Medusa stock locations.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let stock: SeededStock

    beforeEach(async () => {
      sandbox.store.reset()
      sandbox.store.addAccount({
        api_key: SECRET,
        name: "Sandbox EU",
        locations: [
          { code: "EAST", name: "Berlin hub" },
          { code: "WEST", name: "Rotterdam hub" },
        ],
      })
      sandbox.requests.splice(0)
      auth = await adminHeaders(getContainer(), api)
      stock = await seedStock(getContainer())
    })

    const fail = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected the request to fail")
        },
        (error) => error.response as { status: number; data: { message: string } & Record<string, unknown> }
      )

    const testUnsaved = (provider: string, body: unknown) =>
      api.post(`/admin/marketplace/providers/${provider}/test-connection`, body, auth)

    const createChannel = async () =>
      (
        await api.post(
          "/admin/marketplace/channels",
          { name: "Sandbox EU", code: "sandbox-eu", provider_id: "sandbox", credentials: { api_key: SECRET } },
          auth
        )
      ).data.channel.id as string

    const locationsOf = async (channelId: string) =>
      (await api.get(`/admin/marketplace/channels/${channelId}/locations`, auth)).data.locations as {
        id: string
        external_id: string
        code: string
        name: string | null
        stock_location_ids: string[]
      }[]

    const importLocations = (channelId: string, locations: unknown[]) =>
      api.post(`/admin/marketplace/channels/${channelId}/locations/import`, { locations }, auth)

    it("answers 401 on the setup routes without a session", async () => {
      for (const [method, url] of [
        ["post", "/admin/marketplace/providers/sandbox/test-connection"],
        ["get", "/admin/marketplace/channels/mch_x/remote-locations"],
        ["post", "/admin/marketplace/channels/mch_x/locations/import"],
      ]) {
        const response = await fail((api as any)[method](url, ...(method === "post" ? [{}] : [])))
        expect([method, url, response.status]).toEqual([method, url, 401])
      }
    })

    it("tests unsaved credentials against the marketplace and names the account, saving nothing", async () => {
      const { status, data } = await testUnsaved("sandbox", { credentials: { api_key: SECRET } })
      expect(status).toBe(200)
      expect(data).toEqual({ ok: true, account: "Sandbox EU" })
      expect(sandbox.requests.map((r) => [r.method, r.path, r.api_key, r.status])).toEqual([["GET", "/api/account", SECRET, 200]])
      expect((await api.get("/admin/marketplace/channels", auth)).data.count).toBe(0)
    })

    it("answers ok: false with kind auth for a key the marketplace refuses, without echoing it", async () => {
      const { status, data } = await testUnsaved("sandbox", { credentials: { api_key: WRONG } })
      expect(status).toBe(200)
      expect(data).toEqual({ ok: false, error: { kind: "auth", message: "Unknown API key", code: "UNAUTHORIZED" } })
      expect(JSON.stringify(data)).not.toContain(WRONG)
    })

    it("refuses missing or invalid credentials with a 400 naming the field, before calling the marketplace", async () => {
      const cases: [unknown, string][] = [
        [{ credentials: {} }, "credentials.api_key"],
        [{ credentials: { api_key: "" } }, "credentials.api_key"],
        [{ credentials: { api_key: 424242 } }, "credentials.api_key"],
        [{ credentials: { api_key: SECRET, colour: "red" } }, "credentials.colour"],
        [{}, "credentials"],
      ]
      for (const [body, field] of cases) {
        const response = await fail(testUnsaved("sandbox", body))
        expect([field, response.status]).toEqual([field, 400])
        expect(response.data.message).toContain(field)
        // A wrong value is never quoted back: it may be a secret typed into the wrong field.
        expect(JSON.stringify(response.data)).not.toMatch(new RegExp(`${SECRET}|424242`))
      }
      expect(sandbox.requests).toEqual([])
    })

    it("answers 404 naming a provider that is not registered", async () => {
      const response = await fail(testUnsaved("acme-marketplace", { credentials: { api_key: SECRET } }))
      expect(response.status).toBe(404)
      expect(response.data.message).toContain('"acme-marketplace"')
      expect(sandbox.requests).toEqual([])
    })

    it("lists the channel's locations, and after one import shows which channel location maps it", async () => {
      const channelId = await createChannel()
      const before = await api.get(`/admin/marketplace/channels/${channelId}/remote-locations`, auth)
      expect(before.data).toEqual({
        locations: [
          { id: "EAST", code: "EAST", name: "Berlin hub", active: true, mapped_to: null },
          { id: "WEST", code: "WEST", name: "Rotterdam hub", active: true, mapped_to: null },
        ],
      })

      const imported = await importLocations(channelId, [{ id: "EAST", stock_location_ids: [stock.east] }])
      expect(imported.status).toBe(201)
      const [east] = imported.data.locations
      const after = await api.get(`/admin/marketplace/channels/${channelId}/remote-locations`, auth)
      expect(after.data.locations.map((l: any) => [l.id, l.mapped_to])).toEqual([
        ["EAST", east.id],
        ["WEST", null],
      ])
      expect(sandbox.requests.filter((r) => r.path === "/api/locations").map((r) => r.api_key)).toEqual([SECRET, SECRET, SECRET])
    })

    it("imports the chosen locations as channel locations with the channel's id as external_id, skipping mapped ones", async () => {
      const channelId = await createChannel()
      const first = await importLocations(channelId, [
        { id: "EAST", stock_location_ids: [stock.east] },
        { id: "WEST", code: "NL", name: "Rotterdam", stock_location_ids: [stock.west, stock.east] },
      ])
      expect(first.status).toBe(201)
      expect(first.data.skipped).toEqual([])
      expect(
        (await locationsOf(channelId)).map(({ external_id, code, name, stock_location_ids }) => ({ external_id, code, name, stock_location_ids }))
      ).toEqual([
        { external_id: "EAST", code: "EAST", name: "Berlin hub", stock_location_ids: [stock.east] },
        { external_id: "WEST", code: "NL", name: "Rotterdam", stock_location_ids: [stock.west, stock.east] },
      ])

      const again = await importLocations(channelId, [{ id: "EAST", stock_location_ids: [stock.west] }])
      expect(again.status).toBe(200)
      expect(again.data).toEqual({ locations: [], skipped: [{ id: "EAST", mapped_to: first.data.locations[0].id }] })
      expect((await locationsOf(channelId)).find((l) => l.external_id === "EAST")!.stock_location_ids).toEqual([stock.east])
    })

    it("refuses a duplicate code with a 400 naming it and creates nothing", async () => {
      const channelId = await createChannel()
      await api.post(
        `/admin/marketplace/channels/${channelId}/locations`,
        { external_id: "legacy-1", code: "MAIN", stock_location_ids: [stock.east] },
        auth
      )
      const clashes: [unknown[], string][] = [
        // Taken by the channel's own location.
        [[{ id: "WEST", stock_location_ids: [stock.west] }, { id: "EAST", code: "MAIN", stock_location_ids: [stock.east] }], "MAIN"],
        // Given twice in one import.
        [[{ id: "EAST", code: "HUB", stock_location_ids: [stock.east] }, { id: "WEST", code: "HUB", stock_location_ids: [stock.west] }], "HUB"],
      ]
      for (const [locations, code] of clashes) {
        const response = await fail(importLocations(channelId, locations))
        expect([code, response.status]).toEqual([code, 400])
        expect(response.data.message).toContain(`"${code}"`)
      }
      expect((await locationsOf(channelId)).map((l) => l.code)).toEqual(["MAIN"])
    })

    it("refuses ids the channel does not have and unknown stock locations with a 400 naming them", async () => {
      const channelId = await createChannel()
      const unknownRemote = await fail(importLocations(channelId, [{ id: "NORTH", stock_location_ids: [stock.east] }]))
      expect(unknownRemote.status).toBe(400)
      expect(unknownRemote.data.message).toContain('"NORTH"')
      const unknownStock = await fail(importLocations(channelId, [{ id: "EAST", stock_location_ids: ["sloc_missing"] }]))
      expect(unknownStock.status).toBe(400)
      expect(unknownStock.data.message).toContain("sloc_missing")
      const unmapped = await fail(importLocations(channelId, [{ id: "EAST", stock_location_ids: [] }]))
      expect(unmapped.status).toBe(400)
      expect(unmapped.data.message).toContain("stock_location_ids")
      expect(await locationsOf(channelId)).toEqual([])
    })

    it("answers 502 with the channel's message when it refuses the saved key, and imports nothing", async () => {
      const channelId = await createChannel()
      await api.post(`/admin/marketplace/channels/${channelId}`, { credentials: { api_key: WRONG } }, auth)
      const listed = await fail(api.get(`/admin/marketplace/channels/${channelId}/remote-locations`, auth))
      expect(listed.status).toBe(502)
      expect(listed.data).toMatchObject({ message: "Unknown API key", kind: "auth", code: "UNAUTHORIZED" })
      const imported = await fail(importLocations(channelId, [{ id: "EAST", stock_location_ids: [stock.east] }]))
      expect(imported.status).toBe(502)
      expect(imported.data.message).toBe("Unknown API key")
      expect(await locationsOf(channelId)).toEqual([])
    })

    it("refuses to list or import locations of a provider that keeps one number per SKU, naming it", async () => {
      const { data } = await api.post(
        "/admin/marketplace/channels",
        {
          name: "Woo shop",
          code: "woo-shop",
          provider_id: "woocommerce",
          credentials: { store_url: "https://shop.example.test", consumer_key: "ck_setup", consumer_secret: "cs_setup" },
        },
        auth
      )
      const message = "WooCommerce has no locations: quantities are one number per SKU"
      const listed = await fail(api.get(`/admin/marketplace/channels/${data.channel.id}/remote-locations`, auth))
      expect([listed.status, listed.data.message]).toEqual([400, message])
      const imported = await fail(importLocations(data.channel.id, [{ id: "EAST", stock_location_ids: [stock.east] }]))
      expect([imported.status, imported.data.message]).toEqual([400, message])
      expect(await locationsOf(data.channel.id)).toEqual([])
    })

    it("answers 404 for the locations of a channel that does not exist", async () => {
      expect((await fail(api.get("/admin/marketplace/channels/mch_unknown/remote-locations", auth))).status).toBe(404)
      expect((await fail(importLocations("mch_unknown", [{ id: "EAST", stock_location_ids: [stock.east] }]))).status).toBe(404)
    })
  },
})
