import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import {
  AbstractMarketplaceProvider,
  checkBaseUrlOption,
  type CatalogueEntry,
  type CatalogueStatus,
  type ChannelCapabilities,
  type ChannelContext,
  ChannelError,
  type ChannelOrder,
  type ChannelQuantity,
  type ConnectionResult,
  type CredentialField,
  type ItemDrift,
  type Page,
  type PushItemResult,
  type PushResult,
  type QuantityUpdate,
  type RemoteLocation,
  verifyHmac,
  type WebhookEvent,
  type WebhookRequest,
} from "../../lib/provider"
import { ShopifyGraphql } from "./client"
import * as Q from "./queries"

/** Versions whose `inventorySetQuantities` takes `changeFromQuantity` (2026-01 on). */
export const SHOPIFY_API_VERSIONS = ["2026-01", "2026-04"]
const DEFAULT_VERSION = "2026-04"
/** Shopify caps input arrays at 250 entries. */
const MAX_BATCH_SIZE = 250
const DEFAULT_TIMEOUT_MS = 10_000
/** How often one push may read fresh levels and compare again after a stale compare. */
const CAS_ROUNDS = 3
/** Reasons `inventorySetQuantities` accepts (Shopify's inventory states page). */
export const SHOPIFY_REASONS = [
  "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated", "movement_received",
  "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
  "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
]
const INVENTORY_ITEM_GID = /^gid:\/\/shopify\/InventoryItem\/\d+$/
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/

export type ShopifyOptions = {
  /** Admin API version, `2026-04` by default. */
  api_version?: string
  /** Replaces `https://<shop>.myshopify.com` (scheme, host, port) for stand-ins and staging. */
  api_base_url?: string
  timeout_ms?: number
  /** The app's bucket: points it holds and points restored per second (plan-dependent). */
  bucket_size?: number
  restore_rate?: number
  /** Stock an item at a location with `inventoryActivate` when Shopify says it is not stocked there. */
  activate_missing_levels?: boolean
  /** The reason recorded on each adjustment (`correction` by default). */
  reason?: string
}

type Variant = { id: string; sku: string | null; inventoryItem: { id: string; tracked: boolean } }
type SetAnswer = {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: { id: string } | null
    userErrors: { code: string | null; field: string[] | null; message: string }[]
  } | null
}
type LevelsAnswer = {
  inventoryItems: {
    nodes: { id: string; sku: string | null; inventoryLevels: { nodes: { location: { id: string }; quantities: { name: string; quantity: number }[]; updatedAt: string | null }[] } }[]
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
  }
}
type OrdersAnswer = {
  orders: {
    nodes: {
      id: string
      createdAt: string
      updatedAt: string
      cancelledAt: string | null
      displayFulfillmentStatus: string
      currencyCode: string
      email: string | null
      lineItems: { nodes: { sku: string | null; title: string; quantity: number; originalUnitPriceSet: { shopMoney: { amount: string } } }[] }
    }[]
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
  }
}

/** One entry of a push while the adapter works on it. */
type Entry = { update: QuantityUpdate; item: string | null; resolved: boolean; expected: number | null; drift?: ItemDrift }

/**
 * Shopify through the Admin GraphQL API: absolute `available` quantities per location with
 * compare-and-set (`changeFromQuantity`) and an idempotency key per attempt, read-back per
 * location, the catalogue, locations, and orders by webhook and by polling.
 */
export class ShopifyProvider extends AbstractMarketplaceProvider<ShopifyOptions> {
  static identifier = "shopify"
  static displayName = "Shopify"

  static validateOptions(options: Record<string, unknown>): void {
    const version = options?.api_version
    if (version !== undefined && !SHOPIFY_API_VERSIONS.includes(String(version))) {
      throw new Error(
        `shopify provider: option api_version must be one of ${SHOPIFY_API_VERSIONS.join(", ")} (older versions lack changeFromQuantity), got ${JSON.stringify(version)}`
      )
    }
    checkBaseUrlOption("shopify", options?.api_base_url)
    for (const name of ["timeout_ms", "bucket_size", "restore_rate"]) {
      const value = options?.[name]
      if (value !== undefined && (typeof value !== "number" || !(value > 0))) {
        throw new Error(`shopify provider: option ${name} must be a positive number`)
      }
    }
    if (options?.activate_missing_levels !== undefined && typeof options.activate_missing_levels !== "boolean") {
      throw new Error("shopify provider: option activate_missing_levels must be true or false")
    }
    if (options?.reason !== undefined && !SHOPIFY_REASONS.includes(String(options.reason))) {
      throw new Error(`shopify provider: option reason must be one of Shopify's reasons (${SHOPIFY_REASONS.join(", ")})`)
    }
  }

  private readonly bucket = { points: this.options.bucket_size ?? 1_000, restore: this.options.restore_rate ?? 100 }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    rate_limit: null,
    // A leaky bucket of `bucket_size` points refilled at `restore_rate` a second; every answer
    // reports what is left and the shared limiter adopts it.
    rate_budgets: { push: { points: this.bucket.points, per_ms: Math.ceil((this.bucket.points / this.bucket.restore) * 1_000) } },
    per_location: true,
    push_mode: "sync",
    read_back: true,
    catalogue: true,
    order_import: true,
    webhooks: true,
    force_reconcile: true,
  }

  private readonly clients = new Map<string, ShopifyGraphql>()

  credentialFields(): CredentialField[] {
    return [
      { name: "shop_domain", label: "Shop domain", secret: false, required: true, description: "example.myshopify.com" },
      {
        name: "access_token",
        label: "Admin API access token",
        secret: true,
        required: true,
        description: "shpat_… with read_inventory, write_inventory, read_locations, read_products and read_orders",
      },
      {
        name: "webhook_secret",
        label: "Webhook secret",
        secret: true,
        required: false,
        description: "The app's client secret: Shopify signs order webhooks with it (X-Shopify-Hmac-Sha256)",
      },
    ]
  }

  validateCredentials(credentials: Record<string, unknown>): Record<string, string> {
    const result = super.validateCredentials(credentials)
    const domain = result.shop_domain.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "")
    if (!SHOP_DOMAIN.test(domain)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `credentials.shop_domain must be the shop's myshopify.com domain, such as example.myshopify.com`)
    }
    return { ...result, shop_domain: domain }
  }

  private graphql(ctx: ChannelContext): ShopifyGraphql {
    const { shop_domain, access_token } = ctx.credentials
    const key = `${shop_domain}\u0000${access_token}`
    let client = this.clients.get(key)
    if (!client) {
      client = new ShopifyGraphql({
        shop_domain,
        access_token,
        api_version: this.options.api_version ?? DEFAULT_VERSION,
        api_base_url: this.options.api_base_url,
        timeout_ms: this.options.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      })
      this.clients.set(key, client)
    }
    return client
  }

  async testConnection(ctx: ChannelContext): Promise<ConnectionResult> {
    try {
      const data = await this.graphql(ctx).run<{ shop: { name: string } }>("shop", Q.SHOP, {}, { wait: true })
      return { ok: true, account: data.shop.name }
    } catch (error) {
      if (error instanceof ChannelError) {
        return { ok: false, error: error.toShape() }
      }
      throw error
    }
  }

  pushCost(updates: QuantityUpdate[]): number {
    const lookups = updates.filter((u) => !INVENTORY_ITEM_GID.test(u.channel_product_id ?? "")).length
    return 10 + Math.ceil(lookups / Q.SKU_LOOKUP_SIZE) * (2 + Q.SKU_LOOKUP_SIZE * 2)
  }

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`Shopify takes at most ${MAX_BATCH_SIZE} quantities per call, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const client = this.graphql(ctx)
    const results = new Map<QuantityUpdate, PushItemResult>()
    const fail = (entry: Entry, error: ChannelError) =>
      results.set(entry.update, { ...ref(entry.update), outcome: "error", error: error.toShape(), ...resolvedId(entry) })

    let entries: Entry[] = updates.map((update) => ({
      update,
      item: INVENTORY_ITEM_GID.test(update.channel_product_id ?? "") ? update.channel_product_id! : null,
      resolved: false,
      expected: update.known_quantity ?? null,
    }))
    for (const entry of entries.filter((e) => !e.update.location)) {
      fail(entry, ChannelError.rejected(`${entry.update.sku} has no Shopify location: Shopify keeps stock per location, so map the channel location to one`, "LOCATION_REQUIRED"))
    }
    entries = entries.filter((e) => e.update.location)
    await this.resolveItems(client, entries.filter((e) => !e.item), fail)
    let pending = entries.filter((e) => e.item && !results.has(e.update))
    let reresolved = false

    for (let round = 1; pending.length && round <= CAS_ROUNDS + 1; round++) {
      const answer = await client.run<SetAnswer>("inventorySetQuantities", Q.SET_QUANTITIES, {
        // One key per attempt and round: a repeated call of the same attempt is answered with the
        // first result instead of applied twice (where Shopify enforces it).
        key: pending[0].update.reference ? `${pending[0].update.reference}:${pending[0].update.attempt ?? 1}:${round}` : randomUUID(),
        input: {
          name: "available",
          reason: this.options.reason ?? "correction",
          // Names the batch's first sync record (one URI per call), so Shopify's adjustment history points back to the Sync Log.
          referenceDocumentUri: `gid://medusa-marketplace-sync/SyncRecord/${pending[0].update.reference ?? "manual"}`,
          quantities: pending.map((e) => ({
            inventoryItemId: e.item,
            locationId: e.update.location,
            quantity: e.update.quantity,
            changeFromQuantity: e.expected,
          })),
        },
      })
      const payload = answer.inventorySetQuantities
      if (!payload) {
        throw ChannelError.transient("Shopify inventorySetQuantities answered without a payload", "MALFORMED_RESPONSE")
      }
      const byIndex = new Map<number, (typeof payload.userErrors)[number]>()
      const general: (typeof payload.userErrors)[number][] = []
      for (const error of payload.userErrors) {
        const index = error.field?.[0] === "input" && error.field[1] === "quantities" ? Number(error.field[2]) : NaN
        if (Number.isInteger(index) && pending[index]) {
          byIndex.set(index, error)
        } else {
          general.push(error)
        }
      }
      if (general.length) {
        const message = general.map((e) => e.message).join("; ")
        pending.forEach((entry) => fail(entry, ChannelError.rejected(`Shopify refused the adjustment: ${message}`, general[0].code ?? "USER_ERROR")))
        break
      }
      // With userErrors Shopify applies nothing (all-or-nothing); without, every entry landed.
      const applied = payload.userErrors.length === 0 || payload.inventoryAdjustmentGroup !== null
      const again: Entry[] = []
      const stale: Entry[] = []
      for (const [index, entry] of pending.entries()) {
        const error = byIndex.get(index)
        if (!error) {
          if (applied) {
            results.set(entry.update, { ...ref(entry.update), outcome: "success", quantity: entry.update.quantity, ...resolvedId(entry), ...(entry.drift ? { drift: entry.drift } : {}) })
          } else {
            again.push(entry)
          }
          continue
        }
        switch (error.code) {
          case "CHANGE_FROM_QUANTITY_STALE":
            stale.push(entry)
            break
          case "ITEM_NOT_STOCKED_AT_LOCATION":
            if (this.options.activate_missing_levels && (await this.activate(client, entry))) {
              entry.expected = 0
              again.push(entry)
            } else {
              fail(entry, ChannelError.rejected(
                `${entry.update.sku} is not stocked at Shopify location ${entry.update.location}: stock it there in Shopify (or set the provider option activate_missing_levels)`,
                "ITEM_NOT_STOCKED_AT_LOCATION"
              ))
            }
            break
          case "INVALID_INVENTORY_ITEM":
            // The id kept on the listing no longer exists (the variant was re-created): look it up again once.
            if (!entry.resolved && !reresolved) {
              entry.item = null
              again.push(entry)
            } else {
              fail(entry, ChannelError.notFound(`Shopify has no inventory item for ${entry.update.sku} any more: ${error.message}`, error.code))
            }
            break
          case "INVALID_LOCATION":
            fail(entry, ChannelError.notFound(`Shopify has no location ${entry.update.location}: ${error.message}`, error.code))
            break
          case "IDEMPOTENCY_CONCURRENT_REQUEST":
            fail(entry, ChannelError.transient(`Shopify was still applying the same request: ${error.message}`, error.code))
            break
          default:
            fail(entry, ChannelError.rejected(`Shopify refused ${entry.update.sku}: ${error.message}`, error.code ?? "USER_ERROR"))
        }
      }
      const lost = again.filter((e) => !e.item)
      if (lost.length) {
        reresolved = true
        await this.resolveItems(client, lost, fail)
      }
      const last = round === CAS_ROUNDS + 1
      if (stale.length && !last) {
        await this.readExpected(client, stale, fail)
      }
      pending = [...again, ...stale].filter((e) => e.item && !results.has(e.update))
      if (last) {
        pending.forEach((entry) =>
          fail(entry, ChannelError.transient(`${entry.update.sku} kept changing on Shopify while we set it (${CAS_ROUNDS} compare-and-set rounds)`, "CHANGE_FROM_QUANTITY_STALE"))
        )
      }
    }
    const throttle = client.lastThrottle
    return {
      items: updates.map(
        (update) => results.get(update) ?? { ...ref(update), outcome: "error", error: ChannelError.transient("No answer for this item", "MISSING_RESULT").toShape() }
      ),
      ...(throttle ? { budget: { remaining: throttle.currentlyAvailable } } : {}),
    }
  }

  /** Finds inventory item ids by SKU; an unknown, duplicated or untracked SKU fails its entry. */
  private async resolveItems(client: ShopifyGraphql, entries: Entry[], fail: (entry: Entry, error: ChannelError) => void): Promise<void> {
    const skus = [...new Set(entries.map((e) => e.update.sku))]
    const found = new Map<string, Variant[]>()
    for (let i = 0; i < skus.length; i += Q.SKU_LOOKUP_SIZE) {
      const chunk = skus.slice(i, i + Q.SKU_LOOKUP_SIZE)
      const data = await client.run<{ productVariants: { nodes: Variant[] } }>("productVariants", Q.VARIANTS_BY_SKU, {
        query: chunk.map(Q.skuTerm).join(" OR "),
        first: Q.SKU_LOOKUP_SIZE,
      })
      for (const variant of data.productVariants.nodes) {
        // The search index matches loosely; only an exact SKU counts.
        if (variant.sku !== null && chunk.includes(variant.sku)) {
          found.set(variant.sku, [...(found.get(variant.sku) ?? []), variant])
        }
      }
    }
    for (const entry of entries) {
      const variants = found.get(entry.update.sku) ?? []
      const items = [...new Set(variants.map((v) => v.inventoryItem.id))]
      if (!items.length) {
        fail(entry, ChannelError.notFound(`No Shopify variant has SKU ${entry.update.sku}`, "SKU_NOT_FOUND"))
      } else if (items.length > 1) {
        fail(entry, ChannelError.rejected(`SKU ${entry.update.sku} is on ${items.length} Shopify variants: Shopify does not keep SKUs unique, so give each variant its own`, "DUPLICATE_SKU"))
      } else if (!variants[0].inventoryItem.tracked) {
        fail(entry, ChannelError.rejected(`Shopify does not track inventory for SKU ${entry.update.sku}: turn on "Track quantity" for the variant`, "NOT_TRACKED"))
      } else {
        entry.item = items[0]
        entry.resolved = true
      }
    }
  }

  /** After a stale compare: what Shopify holds now is the drift, and the next compare's value. */
  private async readExpected(client: ShopifyGraphql, entries: Entry[], fail: (entry: Entry, error: ChannelError) => void): Promise<void> {
    const levels = await this.levelsFor(client, [...new Set(entries.map((e) => e.update.sku))])
    for (const entry of entries) {
      const found = levels.find((l) => l.sku === entry.update.sku && l.location === entry.update.location)
      if (!found) {
        fail(entry, ChannelError.notFound(`Shopify no longer shows ${entry.update.sku} at ${entry.update.location}`, "ITEM_NOT_STOCKED_AT_LOCATION"))
        continue
      }
      entry.drift = { expected: entry.drift?.expected ?? entry.expected, found: found.quantity }
      entry.expected = found.quantity
    }
  }

  private async activate(client: ShopifyGraphql, entry: Entry): Promise<boolean> {
    const data = await client.run<{ inventoryActivate: { inventoryLevel: { id: string } | null } | null }>("inventoryActivate", Q.ACTIVATE, {
      item: entry.item,
      location: entry.update.location,
      key: randomUUID(),
    })
    return Boolean(data.inventoryActivate?.inventoryLevel)
  }

  private async levelsFor(client: ShopifyGraphql, skus: string[]): Promise<ChannelQuantity[]> {
    const levels: ChannelQuantity[] = []
    for (let i = 0; i < skus.length; i += Q.ITEMS_PER_PAGE) {
      const chunk = skus.slice(i, i + Q.ITEMS_PER_PAGE)
      const data = await client.run<LevelsAnswer>(
        "inventoryItems",
        Q.INVENTORY_LEVELS,
        { first: Q.ITEMS_PER_PAGE, query: chunk.map(Q.skuTerm).join(" OR ") },
        { wait: true }
      )
      levels.push(...toQuantities(data).filter((l) => chunk.includes(l.sku)))
    }
    return levels
  }

  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    const client = this.graphql(ctx)
    if (page.skus?.length) {
      return { items: await this.levelsFor(client, page.skus), next_cursor: null }
    }
    const data = await client.run<LevelsAnswer>("inventoryItems", Q.INVENTORY_LEVELS, { first: Q.ITEMS_PER_PAGE, after: page.cursor }, { wait: true })
    const info = data.inventoryItems.pageInfo
    return { items: toQuantities(data), next_cursor: info.hasNextPage ? info.endCursor : null }
  }

  async listLocations(ctx: ChannelContext): Promise<RemoteLocation[]> {
    const client = this.graphql(ctx)
    const locations: RemoteLocation[] = []
    let after: string | null = null
    do {
      const data: { locations: { nodes: { id: string; name: string; isActive: boolean }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await client.run("locations", Q.LOCATIONS, { after }, { wait: true })
      locations.push(...data.locations.nodes.map((l) => ({ id: l.id, code: locationCode(l.name), name: l.name, active: l.isActive })))
      after = data.locations.pageInfo.hasNextPage ? data.locations.pageInfo.endCursor : null
    } while (after)
    return locations
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    type Answer = {
      productVariants: {
        nodes: { id: string; sku: string | null; barcode: string | null; title: string; product: { title: string; status: string }; inventoryItem: { id: string } }[]
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
      }
    }
    const data = await this.graphql(ctx).run<Answer>("productVariants", Q.CATALOGUE, { after: page.cursor }, { wait: true })
    const info = data.productVariants.pageInfo
    return {
      items: data.productVariants.nodes
        .filter((v) => v.sku?.trim())
        .map((v) => ({
          sku: v.sku!,
          channel_product_id: v.inventoryItem.id,
          title: v.title && v.title !== "Default Title" ? `${v.product.title} - ${v.title}` : v.product.title,
          gtin: v.barcode || null,
          status: PRODUCT_STATUS[v.product.status] ?? null,
        })),
      next_cursor: info.hasNextPage ? info.endCursor : null,
    }
  }

  async fetchOrders(ctx: ChannelContext, page: { since: string; cursor: string | null }): Promise<Page<ChannelOrder>> {
    const data = await this.graphql(ctx).run<OrdersAnswer>("orders", Q.ORDERS, { query: `updated_at:>='${page.since}'`, after: page.cursor }, { wait: true })
    const info = data.orders.pageInfo
    return {
      items: data.orders.nodes.map((order) => ({
        external_id: order.id,
        created_at: order.createdAt,
        updated_at: order.updatedAt,
        status: order.cancelledAt ? "cancelled" : order.displayFulfillmentStatus === "FULFILLED" ? "shipped" : "open",
        currency_code: order.currencyCode?.toLowerCase() ?? null,
        email: order.email,
        lines: order.lineItems.nodes.map((line) => ({
          sku: line.sku ?? "",
          quantity: line.quantity,
          location: null,
          title: line.title,
          unit_price: Number(line.originalUnitPriceSet.shopMoney.amount),
        })),
      })),
      next_cursor: info.hasNextPage ? info.endCursor : null,
    }
  }

  verifyWebhook(ctx: ChannelContext, request: WebhookRequest): boolean {
    return verifyHmac({
      secret: ctx.credentials.webhook_secret,
      raw_body: request.raw_body,
      signature: request.headers["x-shopify-hmac-sha256"] ?? request.headers["shopify-hmac-sha256"],
      encoding: "base64",
    })
  }

  parseWebhook(_ctx: ChannelContext, request: WebhookRequest): WebhookEvent[] {
    const header = (name: string) => {
      const value = request.headers[`x-shopify-${name}`] ?? request.headers[`shopify-${name}`]
      return typeof value === "string" ? value : null
    }
    const topic = header("topic")
    const id = header("webhook-id") ?? header("event-id")
    if (!topic) {
      throw ChannelError.rejected("Shopify webhook has no X-Shopify-Topic header", "MALFORMED_WEBHOOK")
    }
    if (!id) {
      throw ChannelError.rejected("Shopify webhook has no X-Shopify-Webhook-Id header", "MALFORMED_WEBHOOK")
    }
    if (!ORDER_TOPICS.has(topic)) {
      return []
    }
    let body: RestOrder
    try {
      body = JSON.parse(request.raw_body.toString("utf8"))
    } catch {
      throw ChannelError.rejected("Shopify webhook body is not valid JSON", "MALFORMED_WEBHOOK")
    }
    return [{ id, type: "order", order: restOrder(body) }]
  }
}

const ORDER_TOPICS = new Set(["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled"])
const PRODUCT_STATUS: Record<string, CatalogueStatus> = { ACTIVE: "active", DRAFT: "inactive", UNLISTED: "inactive", ARCHIVED: "archived" }

/** An order as Shopify's webhooks carry it (the REST shape). */
type RestOrder = {
  id?: number
  admin_graphql_api_id?: string
  created_at?: string
  updated_at?: string
  cancelled_at?: string | null
  fulfillment_status?: string | null
  currency?: string
  email?: string | null
  line_items?: { sku?: string | null; quantity?: number; title?: string; price?: string }[]
}

function restOrder(body: RestOrder): ChannelOrder {
  const fail = (field: string) => {
    throw ChannelError.rejected(`Shopify order webhook has no valid ${field}`, "MALFORMED_WEBHOOK")
  }
  const externalId = body?.admin_graphql_api_id ?? (Number.isInteger(body?.id) ? `gid://shopify/Order/${body.id}` : null)
  if (!externalId) fail("admin_graphql_api_id")
  if (!Array.isArray(body.line_items) || !body.line_items.length) fail("line_items")
  body.line_items!.forEach((line, i) => {
    if (!Number.isInteger(line?.quantity) || line.quantity! <= 0) fail(`line_items[${i}].quantity`)
  })
  const created = body.created_at ?? new Date().toISOString()
  return {
    external_id: externalId!,
    created_at: created,
    updated_at: body.updated_at ?? created,
    status: body.cancelled_at ? "cancelled" : body.fulfillment_status === "fulfilled" ? "shipped" : "open",
    currency_code: body.currency?.toLowerCase() ?? null,
    email: body.email ?? null,
    lines: body.line_items!.map((line) => ({
      sku: line.sku ?? "",
      quantity: line.quantity!,
      location: null,
      title: line.title ?? null,
      unit_price: line.price !== undefined ? Number(line.price) : null,
    })),
  }
}

function toQuantities(data: LevelsAnswer): ChannelQuantity[] {
  return data.inventoryItems.nodes
    .filter((item) => item.sku)
    .flatMap((item) =>
      item.inventoryLevels.nodes.map((level) => ({
        sku: item.sku!,
        location: level.location.id,
        quantity: level.quantities.find((q) => q.name === "available")?.quantity ?? 0,
        updated_at: level.updatedAt ?? null,
      }))
    )
}

function ref(update: QuantityUpdate) {
  return { sku: update.sku, location: update.location ?? null }
}

function resolvedId(entry: Entry): { channel_product_id?: string } {
  return entry.resolved && entry.item ? { channel_product_id: entry.item } : {}
}

/** A channel location code from a Shopify location name: "Main Warehouse" → "MAIN-WAREHOUSE". */
export function locationCode(name: string): string {
  return name.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().toUpperCase().replace(/[\s_]+/g, "-").slice(0, 40) || "LOCATION"
}
