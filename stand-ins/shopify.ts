import http, { IncomingMessage, ServerResponse } from "node:http"
import { createHmac, randomUUID } from "node:crypto"
import type { AddressInfo } from "node:net"
import {
  buildSchema,
  GraphQLError,
  GraphQLSchema,
  Kind,
  parse,
  validate,
  execute,
  type DocumentNode,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql"

/**
 * A local Shopify Admin GraphQL API for adapter tests, following the "stand-in must" list of
 * channels.md §1.8: a schema per API version (queries the real API would refuse are refused
 * here), the calculated-cost leaky bucket with `extensions.cost` on every answer and THROTTLED
 * (as HTTP 200 or 429) when it runs dry, `inventorySetQuantities` with its userErrors
 * (`ITEM_NOT_STOCKED_AT_LOCATION`, `CHANGE_FROM_QUANTITY_STALE` …), all-or-nothing by default,
 * `@idempotent` and `changeFromQuantity` required on 2026-04, and order webhooks signed with
 * base64 HMAC-SHA256 of the raw body. Anything off the contract is recorded in `unexpected`.
 */

export const SHOPIFY_VERSIONS = ["2025-10", "2026-01", "2026-04"] as const
export type ShopifyVersion = (typeof SHOPIFY_VERSIONS)[number]

export const SET_REASONS = [
  "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated", "movement_received",
  "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
  "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
]
const MAX_INPUT = 250
const MAX_QUANTITY = 1_000_000_000

export type StandInLocation = { id: string; name: string; isActive: boolean }
export type StandInVariant = {
  id: string
  sku: string | null
  barcode: string | null
  title: string
  product: { id: string; title: string; status: "ACTIVE" | "ARCHIVED" | "DRAFT" | "UNLISTED" }
  inventoryItemId: string
}
export type StandInItem = { id: string; sku: string | null; tracked: boolean }
export type StandInLevel = { available: number; updatedAt: string }
export type StandInOrderLine = { sku: string; quantity: number; title: string; price: string }
export type StandInOrder = {
  id: number
  name: string
  createdAt: string
  updatedAt: string
  cancelledAt: string | null
  fulfilled: boolean
  currency: string
  email: string | null
  lines: StandInOrderLine[]
}

export type StandInShop = {
  domain: string
  token: string
  name: string
  webhookSecret: string
  locations: Map<string, StandInLocation>
  variants: Map<string, StandInVariant>
  items: Map<string, StandInItem>
  /** Keyed by `${inventoryItemId}|${locationId}`: present means stocked at that location. */
  levels: Map<string, StandInLevel>
  orders: StandInOrder[]
  webhooks: { url: string; duplicate: boolean }[]
  bucket: { maximum: number; restoreRate: number; available: number; at: number }
  idempotency: Map<string, { input: string; result: unknown }>
}

export type StandInRequest = { version: string; operation: string; fields: string[]; variables: unknown; status: number; throttled: boolean; cost: number }
export type StandInFault = { status: number; retry_after?: string } | { throttle: true }
export type WebhookDelivery = { topic: string; webhook_id: string; status: number; attempt: number }

export type ShopifyStandIn = {
  url: string
  requests: StandInRequest[]
  /** Calls off the contract: unknown paths or versions, invalid documents, unparsable filters. */
  unexpected: string[]
  deliveries: WebhookDelivery[]
  options: {
    throttleStatus: 200 | 429
    atomic: boolean
    retryDelaysMs: number[]
    /** Runs as each inventorySetQuantities arrives, before it is checked (a sale racing the push). */
    beforeSet?: (shop: StandInShop) => void
  }
  addShop(input: { token: string; name?: string; domain?: string; webhookSecret?: string; locations?: { name: string; isActive?: boolean }[]; bucket?: { maximum: number; restoreRate: number } }): StandInShop
  addVariant(shop: StandInShop, input: { sku: string | null; barcode?: string; title?: string; productTitle?: string; status?: StandInVariant["product"]["status"]; tracked?: boolean; stockedAt?: string[]; available?: number }): StandInVariant
  available(shop: StandInShop, sku: string, locationId: string): number | undefined
  /** Someone edits stock in the Shopify admin (drift for the next compare-and-set). */
  setAvailable(shop: StandInShop, inventoryItemId: string, locationId: string, available: number): void
  placeOrder(shop: StandInShop, input: { lines: { sku: string; quantity: number; price?: string }[]; email?: string; currency?: string }): Promise<StandInOrder>
  cancelOrder(shop: StandInShop, id: number): Promise<StandInOrder>
  /** The headers and raw body Shopify would send for a topic (signed with the shop's secret). */
  signedDelivery(shop: StandInShop, topic: string, payload: unknown): { headers: Record<string, string>; raw: string }
  /** Delivers a topic's payload to the shop's webhooks the way Shopify does (signed, retried). */
  deliver(shop: StandInShop, topic: string, payload: unknown): Promise<void>
  orderPayload(shop: StandInShop, order: StandInOrder): Record<string, unknown>
  fault(...faults: StandInFault[]): void
  reset(): void
  close(): Promise<void>
}

function sdl(version: ShopifyVersion): string {
  const cas =
    version === "2025-10" ? "compareQuantity: Int" : version === "2026-01" ? "changeFromQuantity: Int\n  compareQuantity: Int" : "changeFromQuantity: Int"
  const ignore = version === "2026-04" ? "" : "ignoreCompareQuantity: Boolean"
  return `
directive @idempotent(key: String!) on FIELD
scalar DateTime
type Query {
  shop: Shop!
  locations(first: Int, after: String, includeInactive: Boolean): LocationConnection!
  productVariants(first: Int, after: String, query: String): ProductVariantConnection!
  inventoryItems(first: Int, after: String, query: String): InventoryItemConnection!
  orders(first: Int, after: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
}
type Mutation {
  inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
  inventoryActivate(inventoryItemId: ID!, locationId: ID!, available: Int): InventoryActivatePayload
}
type Shop { name: String! myshopifyDomain: String! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type Location { id: ID! name: String! isActive: Boolean! fulfillsOnlineOrders: Boolean! }
type LocationConnection { nodes: [Location!]! pageInfo: PageInfo! }
enum ProductStatus { ACTIVE ARCHIVED DRAFT UNLISTED }
type Product { id: ID! title: String! status: ProductStatus! }
type ProductVariant { id: ID! sku: String barcode: String title: String! displayName: String! product: Product! inventoryItem: InventoryItem! }
type ProductVariantConnection { nodes: [ProductVariant!]! pageInfo: PageInfo! }
type InventoryItem { id: ID! sku: String tracked: Boolean! inventoryLevels(first: Int, after: String): InventoryLevelConnection! }
type InventoryItemConnection { nodes: [InventoryItem!]! pageInfo: PageInfo! }
type InventoryQuantity { name: String! quantity: Int! }
type InventoryLevel { id: ID! location: Location! item: InventoryItem! quantities(names: [String!]!): [InventoryQuantity!]! updatedAt: DateTime }
type InventoryLevelConnection { nodes: [InventoryLevel!]! pageInfo: PageInfo! }
input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int! ${cas} }
input InventorySetQuantitiesInput { name: String! reason: String! referenceDocumentUri: String quantities: [InventoryQuantityInput!]! ${ignore} }
enum InventorySetQuantitiesUserErrorCode {
  CHANGE_FROM_QUANTITY_STALE COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE IDEMPOTENCY_CONCURRENT_REQUEST
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED INVALID_INVENTORY_ITEM INVALID_LOCATION
  INVALID_NAME INVALID_QUANTITY_NEGATIVE INVALID_QUANTITY_TOO_HIGH INVALID_QUANTITY_TOO_LOW INVALID_REASON
  INVALID_REFERENCE_DOCUMENT ITEM_NOT_STOCKED_AT_LOCATION NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR NON_MUTABLE_INVENTORY_ITEM
}
type InventorySetQuantitiesUserError { code: InventorySetQuantitiesUserErrorCode field: [String!] message: String! }
type InventoryChange { name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location }
type InventoryAdjustmentGroup { id: ID! createdAt: DateTime! reason: String! referenceDocumentUri: String changes: [InventoryChange!]! }
type InventorySetQuantitiesPayload { inventoryAdjustmentGroup: InventoryAdjustmentGroup userErrors: [InventorySetQuantitiesUserError!]! }
type UserError { field: [String!] message: String! }
type InventoryActivatePayload { inventoryLevel: InventoryLevel userErrors: [UserError!]! }
type MoneyV2 { amount: String! currencyCode: String! }
type MoneyBag { shopMoney: MoneyV2! }
type LineItem { id: ID! sku: String title: String! quantity: Int! originalUnitPriceSet: MoneyBag! }
type LineItemConnection { nodes: [LineItem!]! pageInfo: PageInfo! }
enum OrderSortKeys { UPDATED_AT CREATED_AT ID }
type Order { id: ID! legacyResourceId: String! name: String! createdAt: DateTime! updatedAt: DateTime! cancelledAt: DateTime displayFulfillmentStatus: String! currencyCode: String! email: String lineItems(first: Int, after: String): LineItemConnection! }
type OrderConnection { nodes: [Order!]! pageInfo: PageInfo! }
`
}

const schemas = new Map<string, GraphQLSchema>(SHOPIFY_VERSIONS.map((v) => [v, buildSchema(sdl(v))]))

/**
 * Shopify's calculated query cost: a mutation 10; in a query an object 1, a scalar 0, and a
 * connection 2 plus `first` times the cost of one of its nodes (nested connections multiply).
 */
function requestedCost(operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (operation.operation === "mutation") {
    return 10
  }
  const walk = (set: SelectionSetNode | undefined): number => {
    let cost = 0
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) {
        continue
      }
      const first = selection.arguments?.find((a) => a.name.value === "first")
      if (!first) {
        cost += 1 + walk(selection.selectionSet)
        continue
      }
      const size = first.value.kind === Kind.INT ? Number(first.value.value) : first.value.kind === Kind.VARIABLE ? Number(variables[first.value.name.value] ?? 1) : 1
      const nodes = selection.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "nodes")
      cost += 2 + size * (1 + (nodes ? walk(nodes.selectionSet) : 0))
    }
    return cost
  }
  return Math.max(1, walk(operation.selectionSet))
}

/** No single query may cost more than this. */
const MAX_QUERY_COST = 1_000

function connection<T>(all: T[], args: { first?: number | null; after?: string | null }) {
  const first = args.first ?? 50
  if (first > MAX_INPUT) {
    throw new GraphQLError(`The first argument of ${first} exceeds the maximum of ${MAX_INPUT}.`, { extensions: { code: "MAX_CONNECTION_SIZE_EXCEEDED" } })
  }
  const start = args.after ? Number(Buffer.from(args.after, "base64").toString("utf8")) : 0
  const nodes = all.slice(start, start + first)
  const end = start + nodes.length
  return { nodes, pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? Buffer.from(String(end)).toString("base64") : null } }
}

/** The search syntax the adapter may use: `sku:X OR sku:"Y"`, `updated_at:>='ISO'`. */
function parseSearch(query: string | null | undefined, record: (m: string) => void): { skus?: string[]; updatedFrom?: { at: string; strict: boolean } } {
  if (!query?.trim()) {
    return {}
  }
  const updated = /^updated_at:(>=?)'?([^']+)'?$/.exec(query.trim())
  if (updated) {
    return { updatedFrom: { at: updated[2], strict: updated[1] === ">" } }
  }
  const skus: string[] = []
  for (const term of query.split(/\s+OR\s+/)) {
    const match = /^sku:(?:"((?:[^"\\]|\\.)*)"|(\S+))$/.exec(term.trim())
    if (!match) {
      record(`search syntax the stand-in does not know: ${query}`)
      return { skus: [] }
    }
    skus.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2])
  }
  return { skus }
}

export async function startShopifyStandIn(): Promise<ShopifyStandIn> {
  const shops = new Map<string, StandInShop>()
  const requests: StandInRequest[] = []
  const unexpected: string[] = []
  const deliveries: WebhookDelivery[] = []
  const faults: StandInFault[] = []
  const options: ShopifyStandIn["options"] = { throttleStatus: 200, atomic: true, retryDelaysMs: [100, 500] }
  let sequence = 1000

  const gid = (type: string) => `gid://shopify/${type}/${++sequence}`
  const now = () => new Date().toISOString()
  const level = (shop: StandInShop, item: string, location: string) => shop.levels.get(`${item}|${location}`)

  const levelView = (shop: StandInShop, item: StandInItem, locationId: string) => {
    const cell = level(shop, item.id, locationId)!
    return {
      id: `gid://shopify/InventoryLevel/${item.id.split("/").pop()}?inventory_item_id=${locationId.split("/").pop()}`,
      location: shop.locations.get(locationId),
      item: itemView(shop, item),
      updatedAt: cell.updatedAt,
      quantities: ({ names }: { names: string[] }) =>
        names.map((name) => ({ name, quantity: name === "available" || name === "on_hand" ? cell.available : 0 })),
    }
  }
  const itemView = (shop: StandInShop, item: StandInItem): Record<string, unknown> => ({
    ...item,
    inventoryLevels: (args: { first?: number; after?: string }) =>
      connection(
        [...shop.locations.keys()].filter((l) => level(shop, item.id, l)).map((l) => levelView(shop, item, l)),
        args
      ),
  })
  const variantView = (shop: StandInShop, variant: StandInVariant) => ({
    ...variant,
    displayName: `${variant.product.title} - ${variant.title}`,
    inventoryItem: itemView(shop, shop.items.get(variant.inventoryItemId)!),
  })
  const orderView = (order: StandInOrder) => ({
    id: `gid://shopify/Order/${order.id}`,
    legacyResourceId: String(order.id),
    name: order.name,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    displayFulfillmentStatus: order.fulfilled ? "FULFILLED" : "UNFULFILLED",
    currencyCode: order.currency,
    email: order.email,
    lineItems: (args: { first?: number; after?: string }) =>
      connection(
        order.lines.map((line, i) => ({
          id: `gid://shopify/LineItem/${order.id}${i}`,
          sku: line.sku,
          title: line.title,
          quantity: line.quantity,
          originalUnitPriceSet: { shopMoney: { amount: line.price, currencyCode: order.currency } },
        })),
        args
      ),
  })

  const root = (shop: StandInShop, version: ShopifyVersion) => ({
    shop: { name: shop.name, myshopifyDomain: shop.domain },
    locations: (args: { first?: number; after?: string; includeInactive?: boolean }) =>
      connection([...shop.locations.values()].filter((l) => args.includeInactive || l.isActive).map((l) => ({ ...l, fulfillsOnlineOrders: true })), args),
    productVariants: (args: { first?: number; after?: string; query?: string }) => {
      const search = parseSearch(args.query, (m) => unexpected.push(m))
      const all = [...shop.variants.values()].filter((v) => !search.skus || (v.sku !== null && search.skus.includes(v.sku)))
      return connection(all.map((v) => variantView(shop, v)), args)
    },
    inventoryItems: (args: { first?: number; after?: string; query?: string }) => {
      const search = parseSearch(args.query, (m) => unexpected.push(m))
      const all = [...shop.items.values()].filter((i) => !search.skus || (i.sku !== null && search.skus.includes(i.sku)))
      return connection(all.map((i) => itemView(shop, i)), args)
    },
    orders: (args: { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean }) => {
      const search = parseSearch(args.query, (m) => unexpected.push(m))
      let all = [...shop.orders]
      if (search.updatedFrom) {
        const from = Date.parse(search.updatedFrom.at)
        all = all.filter((o) => (search.updatedFrom!.strict ? Date.parse(o.updatedAt) > from : Date.parse(o.updatedAt) >= from))
      }
      if (args.sortKey === "UPDATED_AT") {
        all.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      }
      if (args.reverse) {
        all.reverse()
      }
      return connection(all.map(orderView), args)
    },
    inventorySetQuantities: (
      args: { input: { name: string; reason: string; referenceDocumentUri?: string | null; quantities: Record<string, unknown>[]; ignoreCompareQuantity?: boolean } },
      _ctx: unknown,
      info: GraphQLResolveInfo
    ) => {
      options.beforeSet?.(shop)
      const key = idempotencyKey(info)
      if (version === "2026-04" && !key) {
        throw new GraphQLError("The @idempotent directive is required for this mutation in API version 2026-04.", { extensions: { code: "BAD_REQUEST" } })
      }
      const input = args.input
      const fingerprint = JSON.stringify(input)
      if (key && shop.idempotency.has(key)) {
        const seen = shop.idempotency.get(key)!
        return seen.input === fingerprint
          ? seen.result
          : { inventoryAdjustmentGroup: null, userErrors: [{ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", field: ["idempotencyKey"], message: "The same key was used with other parameters." }] }
      }
      if (input.quantities.length > MAX_INPUT) {
        throw new GraphQLError(`The input array size of ${input.quantities.length} is greater than the maximum allowed of ${MAX_INPUT}.`, {
          extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
        })
      }
      const errors: { code: string; field: string[]; message: string }[] = []
      if (input.name !== "available" && input.name !== "on_hand") {
        errors.push({ code: "INVALID_NAME", field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'." })
      }
      if (!SET_REASONS.includes(input.reason)) {
        errors.push({ code: "INVALID_REASON", field: ["input", "reason"], message: "The specified reason is invalid." })
      }
      if (input.referenceDocumentUri && !/^[a-z][a-z0-9+.-]*:/i.test(input.referenceDocumentUri)) {
        errors.push({ code: "INVALID_REFERENCE_DOCUMENT", field: ["input", "referenceDocumentUri"], message: "The reference document URI is invalid." })
      }
      const seenPairs = new Set<string>()
      const applied: { item: StandInItem; location: string; quantity: number; index: number }[] = []
      input.quantities.forEach((entry, index) => {
        const field = (name: string) => ["input", "quantities", String(index), name]
        const fail = (code: string, name: string, message: string) => errors.push({ code, field: field(name), message })
        const itemId = String(entry.inventoryItemId)
        const locationId = String(entry.locationId)
        const quantity = Number(entry.quantity)
        if (version === "2026-04" && !("changeFromQuantity" in entry)) {
          throw new GraphQLError("changeFromQuantity is required on every quantity in API version 2026-04: pass the expected value or null.", {
            extensions: { code: "BAD_REQUEST" },
          })
        }
        const item = shop.items.get(itemId)
        if (!item) return void fail("INVALID_INVENTORY_ITEM", "inventoryItemId", "The specified inventory item could not be found.")
        if (!shop.locations.has(locationId)) return void fail("INVALID_LOCATION", "locationId", "The specified location could not be found.")
        if (seenPairs.has(`${itemId}|${locationId}`)) {
          return void fail("NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", "inventoryItemId", "The combination of inventoryItemId and locationId must be unique.")
        }
        seenPairs.add(`${itemId}|${locationId}`)
        const cell = level(shop, itemId, locationId)
        if (!cell) return void fail("ITEM_NOT_STOCKED_AT_LOCATION", "locationId", "The specified inventory item is not stocked at the location.")
        if (quantity < 0) return void fail("INVALID_QUANTITY_NEGATIVE", "quantity", "The quantity can't be negative.")
        if (quantity > MAX_QUANTITY) return void fail("INVALID_QUANTITY_TOO_HIGH", "quantity", "The quantity can't be higher than 1,000,000,000.")
        if (version !== "2025-10" && entry.changeFromQuantity !== null && entry.changeFromQuantity !== undefined && entry.changeFromQuantity !== cell.available) {
          return void fail("CHANGE_FROM_QUANTITY_STALE", "changeFromQuantity", "The specified compare quantity is stale.")
        }
        if (version === "2025-10" && !input.ignoreCompareQuantity) {
          if (entry.compareQuantity === undefined || entry.compareQuantity === null) return void fail("COMPARE_QUANTITY_REQUIRED", "compareQuantity", "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.")
          if (entry.compareQuantity !== cell.available) return void fail("COMPARE_QUANTITY_STALE", "compareQuantity", "The specified compare quantity is stale.")
        }
        applied.push({ item, location: locationId, quantity, index })
      })
      const apply = errors.length === 0 || !options.atomic
      const changes = (apply ? applied : []).map(({ item, location, quantity }) => {
        const cell = level(shop, item.id, location)!
        const delta = quantity - cell.available
        cell.available = quantity
        cell.updatedAt = now()
        return { name: input.name, delta, quantityAfterChange: quantity, item: itemView(shop, item), location: shop.locations.get(location) }
      })
      const result = {
        inventoryAdjustmentGroup:
          apply && changes.length
            ? { id: gid("InventoryAdjustmentGroup"), createdAt: now(), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes }
            : null,
        userErrors: errors,
      }
      if (key) {
        shop.idempotency.set(key, { input: fingerprint, result })
      }
      return result
    },
    inventoryActivate: (args: { inventoryItemId: string; locationId: string; available?: number | null }, _ctx: unknown, info: GraphQLResolveInfo) => {
      if (version === "2026-04" && !idempotencyKey(info)) {
        throw new GraphQLError("The @idempotent directive is required for this mutation in API version 2026-04.", { extensions: { code: "BAD_REQUEST" } })
      }
      const item = shop.items.get(args.inventoryItemId)
      if (!item || !shop.locations.has(args.locationId)) {
        return { inventoryLevel: null, userErrors: [{ field: ["inventoryItemId"], message: "Inventory item or location not found" }] }
      }
      const key = `${item.id}|${args.locationId}`
      if (!shop.levels.has(key)) {
        shop.levels.set(key, { available: args.available ?? 0, updatedAt: now() })
      }
      return { inventoryLevel: levelView(shop, item, args.locationId), userErrors: [] }
    },
  })

  const throttleStatus = (shop: StandInShop) => ({
    maximumAvailable: shop.bucket.maximum,
    currentlyAvailable: Math.floor(refill(shop)),
    restoreRate: shop.bucket.restoreRate,
  })
  const refill = (shop: StandInShop) => {
    const t = Date.now()
    shop.bucket.available = Math.min(shop.bucket.maximum, shop.bucket.available + ((t - shop.bucket.at) / 1_000) * shop.bucket.restoreRate)
    shop.bucket.at = t
    return shop.bucket.available
  }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body))

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", "http://stand-in")
    const route = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname)
    if (!route || req.method !== "POST") {
      unexpected.push(`${req.method} ${url.pathname}`)
      return send(res, 404, { errors: "Not Found" })
    }
    const version = route[1] as ShopifyVersion
    if (!SHOPIFY_VERSIONS.includes(version)) {
      unexpected.push(`unknown API version ${version}`)
      return send(res, 404, { errors: "Not Found" })
    }
    const shop = shops.get(String(req.headers["x-shopify-access-token"] ?? ""))
    if (!shop) {
      return send(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" })
    }
    const record: StandInRequest = { version, operation: "", fields: [], variables: null, status: 200, throttled: false, cost: 0 }
    requests.push(record)
    const fault = faults.shift()
    if (fault && "status" in fault) {
      record.status = fault.status
      return send(res, fault.status, { errors: fault.status >= 500 ? "Internal Server Error" : "Error" }, fault.retry_after ? { "retry-after": fault.retry_after } : {})
    }
    let body: { query?: unknown; variables?: Record<string, unknown> }
    let document: DocumentNode
    try {
      body = JSON.parse(raw)
      document = parse(String(body.query ?? ""))
    } catch (error) {
      unexpected.push(`unparsable request: ${(error as Error).message}`)
      return send(res, 400, { errors: [{ message: (error as Error).message }] })
    }
    const schema = schemas.get(version)!
    const invalid = validate(schema, document)
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    record.operation = operation?.operation ?? ""
    record.fields = (operation?.selectionSet.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD).map((s) => s.name.value)
    record.variables = body.variables ?? null
    if (invalid.length || !operation) {
      unexpected.push(`invalid document on ${version}: ${invalid.map((e) => e.message).join("; ")}`)
      return send(res, 200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })) })
    }
    const cost = requestedCost(operation, body.variables ?? {})
    record.cost = cost
    if (cost > MAX_QUERY_COST) {
      unexpected.push(`query cost ${cost} over ${MAX_QUERY_COST}`)
      return send(res, 200, {
        errors: [{ message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_QUERY_COST } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: throttleStatus(shop) } },
      })
    }
    if ((fault && "throttle" in fault) || refill(shop) < cost) {
      record.throttled = true
      record.status = options.throttleStatus
      return send(res, options.throttleStatus, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: throttleStatus(shop) } },
      })
    }
    shop.bucket.available -= cost
    const result = await execute({ schema, document, rootValue: root(shop, version), variableValues: body.variables ?? {} })
    send(res, 200, {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors?.length ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) } : {}),
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: throttleStatus(shop) } },
    })
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((error) => {
        unexpected.push(`stand-in failure: ${(error as Error).stack}`)
        send(res, 500, { errors: "Internal Server Error" })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const standIn: ShopifyStandIn = {
    url,
    requests,
    unexpected,
    deliveries,
    options,
    addShop(input) {
      const shop: StandInShop = {
        domain: input.domain ?? `${input.name?.toLowerCase().replace(/[^a-z0-9]+/g, "-") ?? "test"}.myshopify.com`,
        token: input.token,
        name: input.name ?? "Test shop",
        webhookSecret: input.webhookSecret ?? "shpss_test_secret",
        locations: new Map(),
        variants: new Map(),
        items: new Map(),
        levels: new Map(),
        orders: [],
        webhooks: [],
        bucket: { maximum: input.bucket?.maximum ?? 1_000, restoreRate: input.bucket?.restoreRate ?? 50, available: input.bucket?.maximum ?? 1_000, at: Date.now() },
        idempotency: new Map(),
      }
      for (const location of input.locations ?? [{ name: "Shop location" }]) {
        const id = gid("Location")
        shop.locations.set(id, { id, name: location.name, isActive: location.isActive ?? true })
      }
      shops.set(shop.token, shop)
      return shop
    },
    addVariant(shop, input) {
      const itemId = gid("InventoryItem")
      shop.items.set(itemId, { id: itemId, sku: input.sku, tracked: input.tracked ?? true })
      const variant: StandInVariant = {
        id: gid("ProductVariant"),
        sku: input.sku,
        barcode: input.barcode ?? null,
        title: input.title ?? "Default Title",
        product: { id: gid("Product"), title: input.productTitle ?? input.sku ?? "Product", status: input.status ?? "ACTIVE" },
        inventoryItemId: itemId,
      }
      shop.variants.set(variant.id, variant)
      for (const location of input.stockedAt ?? [...shop.locations.keys()]) {
        shop.levels.set(`${itemId}|${location}`, { available: input.available ?? 0, updatedAt: now() })
      }
      return variant
    },
    available(shop, sku, locationId) {
      const item = [...shop.items.values()].find((i) => i.sku === sku)
      return item ? level(shop, item.id, locationId)?.available : undefined
    },
    setAvailable(shop, itemId, locationId, available) {
      const cell = level(shop, itemId, locationId)
      if (!cell) throw new Error(`${itemId} is not stocked at ${locationId}`)
      cell.available = available
      cell.updatedAt = now()
    },
    async placeOrder(shop, input) {
      const at = now()
      const id = ++sequence
      const order: StandInOrder = {
        id,
        name: `#${id}`,
        createdAt: at,
        updatedAt: at,
        cancelledAt: null,
        fulfilled: false,
        currency: input.currency ?? "EUR",
        email: input.email ?? "buyer@example.com",
        lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, title: l.sku, price: l.price ?? "10.00" })),
      }
      // Shopify commits the sold units at the first location that stocks the item.
      for (const line of order.lines) {
        const item = [...shop.items.values()].find((i) => i.sku === line.sku)
        const location = item && [...shop.locations.keys()].find((l) => level(shop, item.id, l))
        if (item && location) {
          const cell = level(shop, item.id, location)!
          cell.available -= line.quantity
          cell.updatedAt = at
        }
      }
      shop.orders.push(order)
      await standIn.deliver(shop, "orders/create", standIn.orderPayload(shop, order))
      return order
    },
    async cancelOrder(shop, id) {
      const order = shop.orders.find((o) => o.id === id)
      if (!order) throw new Error(`no order ${id}`)
      order.cancelledAt = order.updatedAt = new Date(Math.max(Date.now(), Date.parse(order.updatedAt) + 1)).toISOString()
      await standIn.deliver(shop, "orders/cancelled", standIn.orderPayload(shop, order))
      return order
    },
    orderPayload(_shop, order) {
      return {
        id: order.id,
        admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
        name: order.name,
        created_at: order.createdAt,
        updated_at: order.updatedAt,
        cancelled_at: order.cancelledAt,
        fulfillment_status: order.fulfilled ? "fulfilled" : null,
        currency: order.currency,
        email: order.email,
        line_items: order.lines.map((l, i) => ({ id: Number(`${order.id}${i}`), sku: l.sku, quantity: l.quantity, title: l.title, price: l.price })),
      }
    },
    signedDelivery(shop, topic, payload) {
      const raw = JSON.stringify(payload)
      const webhookId = randomUUID()
      return {
        raw,
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": topic,
          "x-shopify-hmac-sha256": createHmac("sha256", shop.webhookSecret).update(raw).digest("base64"),
          "x-shopify-shop-domain": shop.domain,
          "x-shopify-api-version": "2026-04",
          "x-shopify-webhook-id": webhookId,
          "x-shopify-event-id": webhookId,
          "x-shopify-triggered-at": now(),
        },
      }
    },
    async deliver(shop, topic, payload) {
      const { raw, headers } = standIn.signedDelivery(shop, topic, payload)
      const webhookId = headers["x-shopify-webhook-id"]
      await Promise.all(
        shop.webhooks.flatMap((hook) =>
          Array.from({ length: hook.duplicate ? 2 : 1 }, async () => {
            for (let attempt = 1; attempt <= options.retryDelaysMs.length + 1; attempt++) {
              let status = 0
              try {
                const response = await fetch(hook.url, {
                  method: "POST",
                  headers,
                  body: raw,
                  signal: AbortSignal.timeout(5_000),
                })
                status = response.status
                await response.arrayBuffer().catch(() => undefined)
              } catch {
                status = 0
              }
              deliveries.push({ topic, webhook_id: webhookId, status, attempt })
              if (status >= 200 && status < 300) return
              if (attempt <= options.retryDelaysMs.length) await new Promise((r) => setTimeout(r, options.retryDelaysMs[attempt - 1]))
            }
          })
        )
      )
    },
    fault(...list) {
      faults.push(...list)
    },
    reset() {
      shops.clear()
      requests.splice(0)
      unexpected.splice(0)
      deliveries.splice(0)
      faults.splice(0)
      Object.assign(options, { throttleStatus: 200, atomic: true, retryDelaysMs: [100, 500], beforeSet: undefined })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  return standIn
}

function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent")
  const arg = directive?.arguments?.find((a) => a.name.value === "key")
  if (!arg) return null
  if (arg.value.kind === Kind.STRING) return arg.value.value
  if (arg.value.kind === Kind.VARIABLE) return String(info.variableValues[arg.value.name.value] ?? "") || null
  return null
}
