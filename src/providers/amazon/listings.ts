import { type ChannelContext, ChannelError, toChannelError } from "../../lib/provider"
import type { AmazonHttp } from "./client"
import type { LwaCredentials } from "./lwa"

export const LISTINGS = "/listings/2021-08-01/items"
export const ISSUE_LOCALE = "en_US"
/** searchListingsItems: pageSize ≤ 20 and ≤ 20 identifiers. */
export const PAGE_SIZE = 20
/**
 * searchListingsItems calls of one bulk lookup in flight at once (its burst): the client paces
 * each as it starts, so a rate Amazon reports on the first answers already paces the rest.
 */
const SEARCH_CONCURRENCY = 5
export const FBA_MESSAGE = "fulfilled by Amazon, not pushed"

export type AmazonCredentials = LwaCredentials & { seller_id: string; marketplace_ids: string[] }
type Fulfillment = { fulfillmentChannelCode?: string; quantity?: number }
type Summary = { marketplaceId?: string; productType?: string; status?: string[]; itemName?: string; lastUpdatedDate?: string; asin?: string }
export type ListingsItem = { sku: string; summaries?: Summary[]; fulfillmentAvailability?: Fulfillment[]; identifiers?: { identifiers?: { identifierType?: string; identifier?: string }[] }[] }
type SearchAnswer = { items?: ListingsItem[]; pagination?: { nextToken?: string } }
/** What a listing lookup found: its productType, that Amazon fulfils it, or why it cannot be pushed. */
export type Lookup = { kind: "type"; productType: string } | { kind: "fba" } | { kind: "error"; error: ChannelError }

/**
 * Reads of the Listings Items API 2021-08-01: one listing, a page or up to 20 chosen SKUs, the
 * productType lookups pushes need, and the read-back of what Amazon shows.
 */
export class AmazonListings {
  constructor(private readonly http: AmazonHttp) {}

  /** The listing's productType, or why it cannot be pushed (unknown SKU, FBA). */
  async lookUp(creds: AmazonCredentials, sku: string): Promise<Lookup> {
    const marketplace = creds.marketplace_ids[0]
    try {
      const { body } = await this.getItem(creds, sku, marketplace, "summaries,fulfillmentAvailability")
      return classify(body, marketplace)
    } catch (error) {
      if (error instanceof ChannelError && error.kind === "not_found") return { kind: "error", error: skuNotFound(sku, marketplace) }
      throw error
    }
  }

  /**
   * Lookups of many SKUs, 20 per searchListingsItems call (a SKU holding a comma, which the
   * identifiers list cannot carry, alone). A call that fails fails only its SKUs.
   */
  async lookUpMany(creds: AmazonCredentials, skus: string[]): Promise<Map<string, Lookup>> {
    const marketplace = creds.marketplace_ids[0]
    const found = new Map<string, Lookup>()
    const failed = (list: string[], error: unknown) => list.forEach((sku) => found.set(sku, { kind: "error", error: toChannelError(error) }))
    const single = skus.filter((sku) => sku.includes(","))
    const listed = skus.filter((sku) => !sku.includes(","))
    await Promise.all([
      mapLimit(chunks(listed, PAGE_SIZE), SEARCH_CONCURRENCY, async (chunk) => {
        try {
          const { items } = await this.search(creds, "summaries,fulfillmentAvailability", null, chunk, marketplace)
          const bySku = new Map(items.map((item) => [item.sku, item]))
          chunk.forEach((sku) => found.set(sku, bySku.has(sku) ? classify(bySku.get(sku), marketplace) : { kind: "error", error: skuNotFound(sku, marketplace) }))
        } catch (error) {
          failed(chunk, error)
        }
      }),
      ...single.map(async (sku) => {
        try {
          found.set(sku, await this.lookUp(creds, sku))
        } catch (error) {
          failed([sku], error)
        }
      }),
    ])
    return found
  }

  getItem(creds: AmazonCredentials, sku: string, marketplace: string, includedData: string) {
    return this.http.call<ListingsItem>(creds, {
      operation: "getListingsItem",
      method: "GET",
      path: `${LISTINGS}/${encodeURIComponent(creds.seller_id)}/${encodeURIComponent(sku)}`,
      query: { marketplaceIds: marketplace, includedData, issueLocale: ISSUE_LOCALE },
    })
  }

  /** DEFAULT quantities of these SKUs in every marketplace (null where none), 20 per call. */
  async readBack(creds: AmazonCredentials, skus: string[]): Promise<Map<string, (number | null)[]>> {
    const seen = new Map<string, (number | null)[]>(skus.map((sku) => [sku, []]))
    for (const marketplace of creds.marketplace_ids) {
      const single = skus.filter((sku) => sku.includes(","))
      await Promise.all([
        mapLimit(chunks(skus.filter((sku) => !sku.includes(",")), PAGE_SIZE), SEARCH_CONCURRENCY, async (chunk) => {
          const { items } = await this.search(creds, "fulfillmentAvailability", null, chunk, marketplace)
          const bySku = new Map(items.map((item) => [item.sku, item]))
          chunk.forEach((sku) => seen.get(sku)!.push(defaultQuantity(bySku.get(sku))))
        }),
        ...single.map(async (sku) => {
          const { body } = await this.getItem(creds, sku, marketplace, "fulfillmentAvailability").catch((error: unknown) => {
            if (error instanceof ChannelError && error.kind === "not_found") return { body: undefined }
            throw error
          })
          seen.get(sku)!.push(defaultQuantity(body))
        }),
      ])
    }
    return seen
  }

  async search(creds: AmazonCredentials, includedData: string, cursor: string | null, skus?: string[], marketplace = creds.marketplace_ids[0]) {
    const { body } = await this.http.call<SearchAnswer>(creds, {
      operation: "searchListingsItems",
      method: "GET",
      path: `${LISTINGS}/${encodeURIComponent(creds.seller_id)}`,
      query: {
        marketplaceIds: marketplace,
        includedData,
        pageSize: String(PAGE_SIZE),
        ...(skus?.length ? { identifiers: skus.join(","), identifiersType: "SKU" } : {}),
        ...(cursor ? { pageToken: cursor } : {}),
      },
    })
    return { items: (body?.items ?? []).filter((item) => typeof item?.sku === "string"), next: body?.pagination?.nextToken || null }
  }
}

export function defaultQuantity(item: ListingsItem | undefined): number | null {
  const entry = item?.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === "DEFAULT")
  return typeof entry?.quantity === "number" ? entry.quantity : null
}

export function skuNotFound(sku: string, marketplace: string): ChannelError {
  return ChannelError.notFound(`Amazon has no listing for SKU "${sku}" in marketplace ${marketplace}`, "SKU_NOT_FOUND")
}

export function isFba(item: ListingsItem | undefined): boolean {
  return (item?.fulfillmentAvailability ?? []).some((f) => f.fulfillmentChannelCode && f.fulfillmentChannelCode !== "DEFAULT")
}

function classify(item: ListingsItem | undefined, marketplace: string): Lookup {
  if (isFba(item)) return { kind: "fba" }
  const productType = item?.summaries?.find((s) => s.productType)?.productType
  if (!productType) return { kind: "error", error: ChannelError.rejected(`Amazon listing ${item?.sku} has no productType in ${marketplace}`, "PRODUCT_TYPE_UNKNOWN") }
  return { kind: "type", productType }
}

/** Runs `task` over `list` with at most `limit` running at once. */
async function mapLimit<T>(list: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, async () => {
    while (next < list.length) await task(list[next++])
  }))
}

export function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size))
}

export function splitIds(value: string | undefined): string[] {
  return (value ?? "").split(",").map((id) => id.trim()).filter(Boolean)
}

export function credentialsOf(ctx: ChannelContext): AmazonCredentials {
  const c = ctx.credentials ?? {}
  for (const name of ["seller_id", "marketplace_ids", "lwa_client_id", "lwa_client_secret", "refresh_token"]) {
    if (!c[name]) throw ChannelError.auth(`credentials.${name} is missing for channel ${ctx.channel_code}`, "CREDENTIALS_MISSING")
  }
  return { seller_id: c.seller_id, marketplace_ids: splitIds(c.marketplace_ids), lwa_client_id: c.lwa_client_id, lwa_client_secret: c.lwa_client_secret, refresh_token: c.refresh_token }
}
