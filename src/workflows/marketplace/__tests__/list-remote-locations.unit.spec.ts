import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, MedusaError } from "@medusajs/framework/utils"
import {
  AbstractMarketplaceProvider,
  type ChannelCapabilities,
  ChannelError,
  type ConnectionResult,
  type PushResult,
  type RemoteLocation,
} from "../../../lib/provider"
import { MARKETPLACE_MODULE } from "../../../modules/marketplace/types"
import { listRemoteLocationsWorkflow } from "../list-remote-locations"

const CAPABILITIES: ChannelCapabilities = {
  batch_size: 10,
  rate_limit: null,
  per_location: true,
  push_mode: "sync",
  read_back: false,
  catalogue: false,
  order_import: false,
  webhooks: false,
  force_reconcile: false,
}

/** A channel adapter that keeps the base class's "not supported" listLocations. */
class NoListingProvider extends AbstractMarketplaceProvider {
  static identifier = "no-listing"
  static displayName = "No-listing market"
  capabilities = CAPABILITIES
  credentialFields = () => [{ name: "token", label: "Token", secret: true, required: true }]
  async testConnection(): Promise<ConnectionResult> {
    return { ok: true, account: null }
  }
  async pushQuantities(): Promise<PushResult> {
    return { items: [] }
  }
}

/** Declares one number per SKU: it is never asked for locations. */
class OneNumberProvider extends NoListingProvider {
  static identifier = "one-number"
  static displayName = "One-number market"
  capabilities = { ...CAPABILITIES, per_location: false }
  async listLocations(): Promise<RemoteLocation[]> {
    throw new Error("listLocations must not be called on a provider without locations")
  }
}

class ExpiredTokenProvider extends NoListingProvider {
  static identifier = "expired"
  async listLocations(): Promise<RemoteLocation[]> {
    throw ChannelError.auth("Token expired", "EXPIRED_TOKEN")
  }
}

class TwoWarehouseProvider extends NoListingProvider {
  static identifier = "two-warehouses"
  async listLocations(): Promise<RemoteLocation[]> {
    return [
      { id: "gid://1", code: "north", name: "North", active: true },
      { id: "gid://2", code: "south", name: "South", active: false },
    ]
  }
}

const PROVIDERS: Record<string, AbstractMarketplaceProvider> = {
  "no-listing": new NoListingProvider({}, {}),
  "one-number": new OneNumberProvider({}, {}),
  expired: new ExpiredTokenProvider({}, {}),
  "two-warehouses": new TwoWarehouseProvider({}, {}),
}

/** The module's part the step reads: each channel is named after its provider. */
function containerWith(mapped: { id: string; external_id: string }[] = []) {
  const container = createMedusaContainer()
  container.register(
    MARKETPLACE_MODULE,
    asValue({
      retrieveChannel: async (id: string) => ({ id, provider_id: id.replace(/^mch_/, "") }),
      getProvider: (id: string) => PROVIDERS[id],
      getChannelContext: async (id: string) => ({ channel_id: id, channel_code: id, credentials: { token: "t" } }),
      listChannelLocations: async () => mapped,
    })
  )
  return container
}

const run = (channelId: string, mapped?: { id: string; external_id: string }[]) =>
  listRemoteLocationsWorkflow(containerWith(mapped)).run({ input: { channel_id: channelId } })

describe("listing a channel's own locations", () => {
  it("refuses a provider that keeps one number per SKU without asking it, naming the provider", async () => {
    await expect(run("mch_one-number")).rejects.toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
      message: "One-number market has no locations: quantities are one number per SKU",
    })
  })

  it("turns a provider's 'not supported' into the same refusal", async () => {
    await expect(run("mch_no-listing")).rejects.toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
      message: "No-listing market has no locations: quantities are one number per SKU",
    })
  })

  it("answers the channel's refusal as data with its kind and code", async () => {
    const { result } = await run("mch_expired")
    expect(result).toEqual({ ok: false, error: { kind: "auth", message: "Token expired", code: "EXPIRED_TOKEN" } })
  })

  it("marks the locations a channel location maps already", async () => {
    const { result } = await run("mch_two-warehouses", [{ id: "mcloc_1", external_id: "gid://2" }])
    expect(result).toEqual({
      ok: true,
      locations: [
        { id: "gid://1", code: "north", name: "North", active: true, mapped_to: null },
        { id: "gid://2", code: "south", name: "South", active: false, mapped_to: "mcloc_1" },
      ],
    })
  })
})
