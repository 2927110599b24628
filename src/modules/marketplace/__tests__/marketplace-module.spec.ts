import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { SandboxServer, startSandbox } from "../../../../sandbox/server"
import { MARKETPLACE_MODULE } from "../types"
import type MarketplaceModuleService from "../service"

jest.setTimeout(60_000)

const KEY = Buffer.alloc(32, 7).toString("base64")
let sandbox: SandboxServer

beforeAll(async () => {
  sandbox = await startSandbox()
  sandbox.store.addAccount({ api_key: "module-test-key-1234", name: "Module test seller" })
})
afterAll(() => sandbox.close())

moduleIntegrationTestRunner<MarketplaceModuleService>({
  moduleName: MARKETPLACE_MODULE,
  resolve: "./src/modules/marketplace",
  moduleOptions: {
    encryption_key: KEY,
    default_rules: { buffer: 1 },
    providers: [{ resolve: "./src/providers/sandbox", id: "sandbox", options: { base_url: "http://127.0.0.1:1" } }],
  },
  testSuite: ({ service }) => {
    it("registers configured providers and mirrors them in the provider table", async () => {
      expect(service.registeredProviderIds()).toEqual(["sandbox"])
      expect(service.getProvider("sandbox").capabilities.batch_size).toBe(50)
      const rows = await service.listMarketplaceProviders()
      expect(rows).toEqual([expect.objectContaining({ id: "sandbox", identifier: "sandbox", is_enabled: true })])
      expect(() => service.getProvider("amazon")).toThrow(/not registered/)
    })

    it("seals credentials with AES-256-GCM and masks secrets", async () => {
      const sealed = service.sealCredentials("sandbox", { api_key: "module-test-key-1234" })
      expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(sealed).not.toContain("module-test-key")
      expect(service.sealCredentials("sandbox", { api_key: "module-test-key-1234" })).not.toBe(sealed)
      expect(service.maskCredentials("sandbox", sealed)).toEqual({ api_key: "••••••••1234" })

      const channel = await service.createChannels({ name: "A", code: "a", provider_id: "sandbox", credentials_encrypted: sealed })
      const context = await service.getChannelContext(channel.id)
      expect(context).toEqual({ channel_id: channel.id, channel_code: "a", credentials: { api_key: "module-test-key-1234" }, settings: {} })
    })

    it("refuses credentials the provider does not declare or that are missing", () => {
      expect(() => service.sealCredentials("sandbox", {})).toThrow("credentials.api_key is required")
      expect(() => service.sealCredentials("sandbox", { api_key: "x", token: "y" })).toThrow("credentials.token")
    })

    it("detects a tampered ciphertext", async () => {
      const sealed = service.sealCredentials("sandbox", { api_key: "module-test-key-1234" })
      const parts = sealed.split(".")
      parts[4] = Buffer.from("tampered").toString("base64url")
      const channel = await service.createChannels({ name: "B", code: "b", provider_id: "sandbox", credentials_encrypted: parts.join(".") })
      await expect(service.getChannelContext(channel.id)).rejects.toThrow()
    })

    it("keeps channel codes unique among live channels and cascades deletes to listings", async () => {
      const channel = await service.createChannels({ name: "C", code: "c", provider_id: "sandbox" })
      await expect(service.createChannels({ name: "C2", code: "c", provider_id: "sandbox" })).rejects.toThrow()
      const listing = await service.createListings({ channel_id: channel.id, channel_sku: "SKU-1" })
      expect(listing).toMatchObject({ pack_size: 1, sync_enabled: true, variant_id: null, desired_quantity: null })
      await expect(service.createListings({ channel_id: channel.id, channel_sku: "SKU-1" })).rejects.toThrow()
      await service.softDeleteChannels([channel.id])
      expect(await service.listListings({ channel_id: channel.id })).toEqual([])
      await service.createChannels({ name: "C again", code: "c", provider_id: "sandbox" })
    })

    it("exposes the plugin's default rules", () => {
      expect(service.getDefaultRules()).toEqual({ buffer: 1 })
    })
  },
})
