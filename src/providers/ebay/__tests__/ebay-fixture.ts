import { startEbayStandIn, type EbayStandIn } from "../../../../stand-ins/ebay"
import type { ChannelContext, QuantityUpdate } from "../../../lib/provider"
import { EbayProvider, type EbayOptions } from "../service"

export const APP = { client_id: "StandIn-spec-PRD-0001", client_secret: "PRD-spec-secret", refresh_token: "v^1.1#i^1#r^1#spec-refresh" }

/** A context as the pipeline builds it, with the channel's Out-of-Stock Control setting. */
export const contextWith = (outOfStockControl: boolean): ChannelContext => ({
  channel_id: "mch_ebay",
  channel_code: "ebay-us",
  credentials: { ...APP, marketplace_id: "EBAY_US" },
  settings: { out_of_stock_control: outOfStockControl },
})

export const update = (sku: string, quantity: number, known_quantity?: number | null): QuantityUpdate => ({
  listing_id: `l-${sku}`,
  sku,
  location: null,
  quantity,
  ...(known_quantity !== undefined ? { known_quantity } : {}),
})

/**
 * One stand-in per test file, a fresh account before each test, and no off-contract call after
 * any: `fixture.eb` is the running stand-in.
 */
export function ebayFixture() {
  const fixture = {
    eb: undefined as unknown as EbayStandIn,
    provider: (options: EbayOptions = {}) => new EbayProvider({}, { api_base_url: fixture.eb.url, timeout_ms: 3_000, ...options }),
    calls: (suffix: string) => fixture.eb.requests.filter((r) => r.path.endsWith(suffix)),
  }
  beforeAll(async () => {
    fixture.eb = await startEbayStandIn()
  })
  afterAll(() => fixture.eb.close())
  beforeEach(() => {
    fixture.eb.store.reset()
    fixture.eb.requests.splice(0)
    fixture.eb.unexpected.splice(0)
    fixture.eb.setFaults({ queue: [] })
    fixture.eb.store.addClient(APP.client_id, APP.client_secret, APP.refresh_token)
  })
  afterEach(() => {
    expect(fixture.eb.unexpected).toEqual([])
  })
  return fixture
}
