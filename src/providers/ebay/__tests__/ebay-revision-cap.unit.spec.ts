import { REVISION_LIMIT_ERROR_ID } from "../../../../stand-ins/ebay"
import { startOfNextDay } from "../../../lib/provider/day"
import { EbayProvider, type EbayOptions } from "../service"
import { EBAY_SCOPES } from "../oauth"
import { APP, contextWith, ebayFixture, update } from "./ebay-fixture"

const f = ebayFixture()
const ctx = contextWith(true)
/** 11:00 in Los Angeles (PDT) on 15 June 2026; eBay's next day starts at 07:00 UTC on the 16th. */
const MORNING = Date.parse("2026-06-15T18:00:00.000Z")
const NEXT_DAY = Date.parse("2026-06-16T07:00:00.000Z")

/** The adapter with its clock set, as the stand-in's is. */
class ClockedEbay extends EbayProvider {
  constructor(options: EbayOptions, at: () => number) {
    super({}, options)
    this.now = at
  }
}

describe("eBay: the 250-revisions-a-day cap", () => {
  it("is declared for the pipeline with a reserve for decreases, on eBay's (Pacific) day", () => {
    expect(f.provider().capabilities.revision_cap).toEqual({ per_day: 250, reserve: 50, time_zone: "America/Los_Angeles" })
  })

  it("finds eBay's next midnight across both daylight-saving changes", () => {
    const tz = "America/Los_Angeles"
    expect(new Date(startOfNextDay(MORNING, tz)).toISOString()).toBe("2026-06-16T07:00:00.000Z")
    expect(new Date(startOfNextDay(Date.parse("2026-03-07T20:00:00Z"), tz)).toISOString()).toBe("2026-03-08T08:00:00.000Z")
    expect(new Date(startOfNextDay(Date.parse("2026-03-08T12:00:00Z"), tz)).toISOString()).toBe("2026-03-09T07:00:00.000Z")
    expect(new Date(startOfNextDay(Date.parse("2026-11-01T06:00:00Z"), tz)).toISOString()).toBe("2026-11-01T07:00:00.000Z")
    expect(new Date(startOfNextDay(Date.parse("2026-11-01T12:00:00Z"), tz)).toISOString()).toBe("2026-11-02T08:00:00.000Z")
  })

  it("the stand-in refuses a SKU's 251st revision of the day, and takes it again when the next day starts", async () => {
    let clock = MORNING
    f.eb.store.now = () => clock
    f.eb.store.addItem({ sku: "CAP-1" })
    f.eb.store.addItem({ sku: "FREE-1" })
    const p = new ClockedEbay({ api_base_url: f.eb.url, timeout_ms: 3_000 }, () => clock)
    for (let i = 1; i <= 250; i++) {
      const { items } = await p.pushQuantities(ctx, [update("CAP-1", i)])
      expect([i, items[0].outcome]).toEqual([i, "success"])
    }
    expect(f.eb.store.revisionsToday("CAP-1")).toBe(250)

    const refused = await p.pushQuantities(ctx, [update("CAP-1", 251), update("FREE-1", 1)])
    expect(f.calls("/bulk_update_price_quantity").at(-1)!.status).toBe(207)
    expect(refused.items[1]).toMatchObject({ sku: "FREE-1", outcome: "success" })
    // A deferral, not a rejection: the same push is accepted once eBay's day turns, so it waits
    // until a minute after that midnight (the pipeline shows the row Deferred and sends it then).
    expect(refused.items[0]).toEqual({
      sku: "CAP-1",
      location: null,
      outcome: "deferred",
      code: "REVISION_CAP",
      retry_after_ms: NEXT_DAY - MORNING + 60_000,
      message: expect.stringContaining("next day"),
    })
    expect(f.eb.store.items.get("CAP-1")!.quantity).toBe(250)

    clock = NEXT_DAY - 1_000
    const stillToday = await p.pushQuantities(ctx, [update("CAP-1", 251)])
    expect(stillToday.items[0]).toMatchObject({ outcome: "deferred", code: "REVISION_CAP", retry_after_ms: 61_000 })

    clock = NEXT_DAY
    const tomorrow = await p.pushQuantities(ctx, [update("CAP-1", 251)])
    expect(tomorrow.items[0]).toEqual({ sku: "CAP-1", location: null, outcome: "success", quantity: 251 })
    expect(f.eb.store.items.get("CAP-1")!.quantity).toBe(251)
    expect(f.eb.store.revisionsToday("CAP-1")).toBe(1)
  })

  it("answers the refusal per SKU in eBay's error shape (errorId assumed), leaving the item as it was", async () => {
    f.eb.store.addItem({ sku: "CAP-2", quantity: 7 })
    f.eb.store.revision_cap = 0
    const token = await fetch(`${f.eb.url}/identity/v1/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${APP.client_id}:${APP.client_secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: APP.refresh_token, scope: EBAY_SCOPES.join(" ") }).toString(),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token)
    const response = await fetch(`${f.eb.url}/sell/inventory/v1/bulk_update_price_quantity`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ sku: "CAP-2", shipToLocationAvailability: { quantity: 1 } }] }),
    })
    expect(response.status).toBe(207)
    expect(await response.json()).toEqual({
      responses: [
        {
          statusCode: 400,
          sku: "CAP-2",
          errors: [{ errorId: REVISION_LIMIT_ERROR_ID, domain: "API_INVENTORY", category: "BUSINESS", message: expect.stringMatching(/revised the maximum of 0 times/), longMessage: expect.any(String) }],
          warnings: [],
        },
      ],
    })
    expect(f.eb.store.items.get("CAP-2")!.quantity).toBe(7)
  })
})
