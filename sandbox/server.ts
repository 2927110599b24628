import http, { IncomingMessage, ServerResponse } from "node:http"
import { createHmac } from "node:crypto"
import type { AddressInfo } from "node:net"
import { FaultConfig, NO_FAULTS, parseFaultConfig, pickFault } from "./faults"
import { renderStockPage } from "./page"
import { DEFAULT_LOCATION, SandboxAccount, SandboxStore, firstLocation } from "./store"

/** Documented maximum number of updates per `POST /api/stock/batch`; more gets a 413. */
export const MAX_BATCH_SIZE = 50

export type RecordedRequest = {
  method: string
  path: string
  api_key: string | null
  body: unknown
  status: number
  at: number
  /** The injected fault that answered instead of the marketplace, if any (status 0: never answered). */
  fault?: "status" | "rate_limit" | "timeout" | "malformed"
}

/** One attempt to deliver a webhook: the receiver's status, or 0 when it could not be reached. */
export type WebhookDelivery = { api_key: string; event_id: string; type: string; attempt: number; status: number; at: number }

/** Header names and the signature scheme of the sandbox's webhooks (documented for adapters). */
export const WEBHOOK_SIGNATURE_HEADER = "x-sandbox-signature"
export const WEBHOOK_EVENT_HEADER = "x-sandbox-event-id"
/** `sha256=` + hex HMAC-SHA256 of the raw body with the account's webhook secret. */
export function signWebhook(secret: string, rawBody: string | Buffer): string {
  return "sha256=" + createHmac("sha256", secret).update(rawBody).digest("hex")
}

/** Two stock writes of one SKU and location that were in flight at the same moment. */
export type OverlappingPush = { api_key: string | null; sku: string; location: string | null; at: number }

export type SandboxServer = {
  url: string
  port: number
  store: SandboxStore
  requests: RecordedRequest[]
  /** Every moment a stock write arrived while another write of the same SKU and location was still being answered. */
  overlaps: OverlappingPush[]
  /** Stock cells whose write is being answered right now. */
  inFlightWrites(): number
  /** Every webhook delivery attempt, in order. */
  deliveries: WebhookDelivery[]
  /** Resolves once no webhook delivery is pending or waiting for a retry. */
  webhooksSettled(): Promise<void>
  setFaults(config: Partial<FaultConfig>): void
  close(): Promise<void>
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

type Handler = (ctx: { req: IncomingMessage; body: unknown; params: string[]; query: URLSearchParams; account: SandboxAccount | null }) => unknown

/**
 * A small marketplace that behaves like a real one: API-key auth, quantities per SKU and
 * location, a batch endpoint with a hard limit and per-item results, a seller's manual edit,
 * an order feed, faults on demand, and an HTML page of its stock.
 */
export async function startSandbox(options: { port?: number; host?: string; store?: SandboxStore } = {}): Promise<SandboxServer> {
  const store = options.store ?? new SandboxStore()
  const requests: RecordedRequest[] = []
  const overlaps: OverlappingPush[] = []
  const inFlight = new Map<string, number>()
  let faults: FaultConfig = { ...NO_FAULTS, queue: [] }
  const hanging = new Set<ServerResponse>()
  const deliveries: WebhookDelivery[] = []
  let pendingDeliveries = 0
  let settledWaiters: (() => void)[] = []
  let closed = false
  /** Waits between attempts, as marketplaces back off on failed deliveries (then give up). */
  let retryDelaysMs = [250, 1_000, 3_000]

  const deliver = async (account: SandboxAccount, event: { id: string; type: string; created_at: string; data: unknown }) => {
    const webhook = account.webhook
    if (!webhook) {
      return
    }
    const raw = JSON.stringify({ id: event.id, type: event.type, created_at: event.created_at, data: event.data })
    pendingDeliveries++
    try {
      for (let attempt = 1; attempt <= retryDelaysMs.length + 1 && !closed; attempt++) {
        let status = 0
        try {
          const response = await fetch(webhook.url, {
            method: "POST",
            headers: { "content-type": "application/json", [WEBHOOK_SIGNATURE_HEADER]: signWebhook(webhook.secret, raw), [WEBHOOK_EVENT_HEADER]: event.id },
            body: raw,
            signal: AbortSignal.timeout(10_000),
          })
          status = response.status
          await response.arrayBuffer().catch(() => undefined)
        } catch {
          status = 0
        }
        deliveries.push({ api_key: account.api_key, event_id: event.id, type: event.type, attempt, status, at: Date.now() })
        if (status >= 200 && status < 300) {
          return
        }
        if (attempt <= retryDelaysMs.length) {
          await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt - 1]))
        }
      }
    } finally {
      if (--pendingDeliveries === 0) {
        settledWaiters.splice(0).forEach((resolve) => resolve())
      }
    }
  }
  const unsubscribe = store.onEvent((account, event) => {
    const copies = account.webhook?.duplicate ? 2 : 1
    for (let i = 0; i < copies; i++) {
      void deliver(account, event)
    }
  })

  const api: [string, RegExp, Handler][] = [
    ["GET", /^\/api\/account$/, ({ account }) => accountView(account!)],
    ["GET", /^\/api\/locations$/, ({ account }) => ({ items: [...account!.locations.values()] })],
    ["GET", /^\/api\/listings$/, ({ account, query }) =>
      paginate([...account!.listings.values()].map(listingView), query)],
    ["POST", /^\/api\/listings$/, ({ account, body }) => {
      const items = arrayField(body, "items")
      return { items: items.map((item, i) => listingView(store.upsertListing(account!, listingInput(item, i)))) }
    }],
    ["GET", /^\/api\/stock$/, ({ account, query }) => paginate(stockRows(account!, query), query)],
    ["POST", /^\/api\/stock\/batch$/, ({ account, body }) => batchUpdate(store, account!, body)],
    // Asynchronous variant, like marketplaces that take feeds: accepted now, processed later.
    ["POST", /^\/api\/stock\/feeds$/, ({ account, body }) => {
      const updates = arrayField(body, "updates")
      if (updates.length > MAX_BATCH_SIZE) {
        throw new HttpError(413, "BATCH_TOO_LARGE", `At most ${MAX_BATCH_SIZE} updates per feed, got ${updates.length}`)
      }
      const feed = { id: store.nextId("FEED"), created_at: new Date().toISOString(), ready_at: Date.now() + store.feedDelayMs, updates, results: null }
      account!.feeds.set(feed.id, feed)
      return { feed_id: feed.id, status: "processing" }
    }],
    ["GET", /^\/api\/stock\/feeds\/([^/]+)$/, ({ account, params }) => {
      const feed = account!.feeds.get(decodeURIComponent(params[0]))
      if (!feed) {
        throw new HttpError(404, "FEED_NOT_FOUND", `No feed ${params[0]}`)
      }
      if (!feed.results && Date.now() >= feed.ready_at) {
        feed.results = batchUpdate(store, account!, { updates: feed.updates }).results
      }
      return feed.results ? { feed_id: feed.id, status: "done", updates: feed.updates, results: feed.results } : { feed_id: feed.id, status: "processing" }
    }],
    ["PUT", /^\/api\/stock\/([^/]+)$/, ({ account, body, params }) => manualEdit(store, account!, decodeURIComponent(params[0]), body)],
    // Orders created or changed at or after `since`, oldest change first.
    ["GET", /^\/api\/orders$/, ({ account, query }) => {
      const since = query.get("since")
      if (since && Number.isNaN(Date.parse(since))) {
        throw new HttpError(400, "INVALID_QUERY", "since must be an ISO date-time")
      }
      return paginate(account!.orders.filter((o) => !since || o.updated_at >= new Date(since).toISOString()), query)
    }],
  ]

  const control: [string, RegExp, Handler][] = [
    ["GET", /^\/_control\/requests$/, () => ({ requests })],
    ["DELETE", /^\/_control\/requests$/, () => ({ cleared: requests.splice(0).length })],
    ["POST", /^\/_control\/faults$/, ({ body }) => {
      try {
        faults = parseFaultConfig(body, faults)
      } catch (error) {
        throw new HttpError(400, "INVALID_BODY", (error as Error).message)
      }
      return faults
    }],
    ["DELETE", /^\/_control\/faults$/, () => (faults = { ...NO_FAULTS, queue: [] })],
    ["POST", /^\/_control\/accounts$/, ({ body }) => {
      const input = body as { api_key?: unknown; name?: unknown; locations?: unknown }
      if (typeof input?.api_key !== "string" || !input.api_key) {
        throw new HttpError(400, "INVALID_BODY", "api_key is required")
      }
      const locations = Array.isArray(input.locations) ? (input.locations as { code: string; name?: string }[]) : undefined
      const webhook = (input as { webhook?: unknown }).webhook === undefined ? undefined : webhookInput((input as { webhook?: unknown }).webhook)
      return accountView(store.addAccount({ api_key: input.api_key, name: typeof input.name === "string" ? input.name : undefined, locations, webhook }))
    }],
    ["POST", /^\/_control\/orders$/, ({ body }) => {
      const input = body as { api_key?: string; id?: string; currency?: string; buyer_email?: string | null; lines?: unknown }
      const account = input?.api_key ? store.accounts.get(input.api_key) : undefined
      if (!account) {
        throw new HttpError(404, "ACCOUNT_NOT_FOUND", "No account with that api_key")
      }
      const lines = arrayField(input, "lines") as { sku: string; quantity: number; location?: string; unit_price?: number }[]
      if (input.id && account.orders.some((o) => o.id === input.id)) {
        throw new HttpError(409, "ORDER_EXISTS", `Order ${input.id} exists`)
      }
      return store.placeOrder(account, lines, { id: input.id, currency: input.currency, buyer_email: input.buyer_email })
    }],
    ["POST", /^\/_control\/orders\/([^/]+)\/(cancel|ship)$/, ({ body, params }) => {
      const account = store.accounts.get(String((body as { api_key?: unknown })?.api_key ?? ""))
      if (!account) {
        throw new HttpError(404, "ACCOUNT_NOT_FOUND", "No account with that api_key")
      }
      const order = store.setOrderStatus(account, decodeURIComponent(params[0]), params[1] === "cancel" ? "cancelled" : "shipped")
      if (!order) {
        throw new HttpError(404, "ORDER_NOT_FOUND", `No order ${params[0]}`)
      }
      return order
    }],
    // Where an account's webhooks go: { url, secret, duplicate? }; { url: null } stops them.
    ["POST", /^\/_control\/accounts\/([^/]+)\/webhook$/, ({ body, params }) => {
      const account = store.accounts.get(decodeURIComponent(params[0]))
      if (!account) {
        throw new HttpError(404, "ACCOUNT_NOT_FOUND", "No account with that api_key")
      }
      account.webhook = webhookInput(body)
      return { api_key: account.api_key, webhook: account.webhook ? { url: account.webhook.url, duplicate: account.webhook.duplicate } : null }
    }],
    ["GET", /^\/_control\/webhooks$/, () => ({ deliveries, pending: pendingDeliveries })],
    ["POST", /^\/_control\/webhook-retries$/, ({ body }) => {
      const delays = (body as { delays_ms?: unknown })?.delays_ms
      if (!Array.isArray(delays) || delays.some((d) => typeof d !== "number" || d < 0)) {
        throw new HttpError(400, "INVALID_BODY", "delays_ms must be an array of non-negative numbers")
      }
      retryDelaysMs = delays as number[]
      return { delays_ms: retryDelaysMs }
    }],
    ["POST", /^\/_control\/feed-delay$/, ({ body }) => {
      const ms = (body as { ms?: unknown })?.ms
      if (typeof ms !== "number" || ms < 0) {
        throw new HttpError(400, "INVALID_BODY", "ms must be a non-negative number")
      }
      store.feedDelayMs = ms
      return { feed_delay_ms: ms }
    }],
    ["GET", /^\/_control\/overlaps$/, () => ({ overlaps })],
    ["POST", /^\/_control\/accounts\/([^/]+)\/latency$/, ({ body, params }) => {
      const account = store.accounts.get(decodeURIComponent(params[0]))
      const ms = (body as { ms?: unknown })?.ms
      if (!account) {
        throw new HttpError(404, "ACCOUNT_NOT_FOUND", "No account with that api_key")
      }
      if (typeof ms !== "number" || ms < 0) {
        throw new HttpError(400, "INVALID_BODY", "ms must be a non-negative number")
      }
      account.latency_ms = ms
      return { api_key: account.api_key, latency_ms: ms }
    }],
    ["POST", /^\/_control\/reset$/, () => {
      store.reset()
      requests.splice(0)
      overlaps.splice(0)
      deliveries.splice(0)
      retryDelaysMs = [250, 1_000, 3_000]
      faults = { ...NO_FAULTS, queue: [] }
      return { reset: true }
    }],
  ]

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox")
    const path = url.pathname
    let body: unknown = undefined
    const apiKey = header(req, "x-api-key")
    const record = (status: number, fault?: RecordedRequest["fault"]) => {
      if (path.startsWith("/api/")) {
        requests.push({ method: req.method ?? "GET", path: path + url.search, api_key: apiKey, body, status, at: Date.now(), ...(fault ? { fault } : {}) })
      }
    }
    let writing: string[] = []
    res.on("close", () => writing.forEach((cell) => inFlight.set(cell, (inFlight.get(cell) ?? 1) - 1)))
    try {
      body = await readJson(req)
      if (req.method === "POST" && (path === "/api/stock/batch" || path === "/api/stock/feeds")) {
        writing = stockCells(apiKey, body)
        for (const cell of writing) {
          const count = (inFlight.get(cell) ?? 0) + 1
          inFlight.set(cell, count)
          if (count > 1) {
            const [, sku, location] = JSON.parse(cell) as [string | null, string, string | null]
            overlaps.push({ api_key: apiKey, sku, location, at: Date.now() })
          }
        }
      }
      if (req.method === "GET" && (path === "/" || path === "/index.html")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(renderStockPage(store, MAX_BATCH_SIZE))
        return
      }
      if (path === "/health") {
        return send(res, 200, { ok: true })
      }
      const isApi = path.startsWith("/api/")
      const routes = isApi ? api : path.startsWith("/_control/") ? control : []
      const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path))
      if (!route) {
        throw new HttpError(404, "NOT_FOUND", `No route ${req.method} ${path}`)
      }
      let account: SandboxAccount | null = null
      if (isApi) {
        if (faults.latency_ms) {
          await new Promise((resolve) => setTimeout(resolve, faults.latency_ms))
        }
        const fault = pickFault(faults)
        if (fault) {
          record(fault.type === "status" ? fault.status : fault.type === "rate_limit" ? 429 : fault.type === "malformed" ? 200 : 0, fault.type)
          return applyFault(res, fault, hanging)
        }
        account = apiKey ? store.accounts.get(apiKey) ?? null : null
        if (!account) {
          throw new HttpError(401, "UNAUTHORIZED", apiKey ? "Unknown API key" : "Missing X-Api-Key header")
        }
        // Re-read while waiting: lowering an account's latency releases the calls already waiting.
        const arrived = Date.now()
        while (account.latency_ms && Date.now() < arrived + account.latency_ms) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(50, arrived + account!.latency_ms - Date.now())))
        }
      }
      const result = route[2]({ req, body, params: path.match(route[1])!.slice(1), query: url.searchParams, account })
      record(200)
      send(res, 200, result)
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500
      const code = error instanceof HttpError ? error.code : "INTERNAL"
      record(status)
      send(res, status, { error: { code, message: (error as Error).message } })
    }
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    requests,
    overlaps,
    inFlightWrites: () => [...inFlight.values()].reduce((sum, n) => sum + n, 0),
    deliveries,
    webhooksSettled: () => (pendingDeliveries ? new Promise<void>((resolve) => settledWaiters.push(resolve)) : Promise.resolve()),
    setFaults: (config) => {
      faults = parseFaultConfig(config, { ...NO_FAULTS, queue: [] })
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true
        unsubscribe()
        settledWaiters.splice(0).forEach((done) => done())
        hanging.forEach((res) => res.destroy())
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The (account, SKU, location) cells a stock write names, as keys. */
function stockCells(apiKey: string | null, body: unknown): string[] {
  const updates = (body as { updates?: unknown })?.updates
  if (!Array.isArray(updates)) {
    return []
  }
  return updates.map((u) => {
    const update = (u ?? {}) as { sku?: unknown; location?: unknown }
    return JSON.stringify([apiKey, String(update.sku ?? ""), typeof update.location === "string" ? update.location : null])
  })
}

function batchUpdate(store: SandboxStore, account: SandboxAccount, body: unknown) {
  const updates = arrayField(body, "updates")
  if (updates.length > MAX_BATCH_SIZE) {
    throw new HttpError(413, "BATCH_TOO_LARGE", `At most ${MAX_BATCH_SIZE} updates per call, got ${updates.length}`)
  }
  const results = updates.map((raw, index) => {
    const update = raw as { sku?: unknown; location?: unknown; quantity?: unknown }
    const sku = typeof update.sku === "string" ? update.sku : ""
    const location = typeof update.location === "string" ? update.location : firstLocation(account)
    const fail = (code: string, message: string) => ({ index, sku, location, status: "error", code, message })
    if (!sku) {
      return fail("INVALID_SKU", "sku is required")
    }
    if (!Number.isInteger(update.quantity) || (update.quantity as number) < 0) {
      return fail("INVALID_QUANTITY", "quantity must be a non-negative integer")
    }
    const listing = account.listings.get(sku)
    if (!listing) {
      return fail("SKU_NOT_FOUND", `No listing with SKU ${sku} on this account`)
    }
    if (!account.locations.has(location)) {
      return fail("LOCATION_NOT_FOUND", `Unknown location ${location}`)
    }
    if (listing.status === "locked") {
      return fail("LISTING_LOCKED", "Quantity is locked by an active promotion")
    }
    if (listing.status === "inactive") {
      return fail("LISTING_INACTIVE", "Listing is inactive")
    }
    if (listing.status === "banned") {
      return fail("LISTING_BANNED", "Listing was removed by the marketplace")
    }
    if (listing.status === "archived") {
      return fail("LISTING_ARCHIVED", "Listing is archived")
    }
    const cell = store.setQuantity(listing, location, update.quantity as number)
    return { index, sku, location, status: "ok", quantity: cell.quantity, updated_at: cell.updated_at }
  })
  return { results }
}

function manualEdit(store: SandboxStore, account: SandboxAccount, sku: string, body: unknown) {
  const input = (body ?? {}) as { quantity?: unknown; location?: unknown }
  if (!Number.isInteger(input.quantity) || (input.quantity as number) < 0) {
    throw new HttpError(400, "INVALID_QUANTITY", "quantity must be a non-negative integer")
  }
  const location = typeof input.location === "string" ? input.location : firstLocation(account)
  if (!account.locations.has(location)) {
    throw new HttpError(404, "LOCATION_NOT_FOUND", `Unknown location ${location}`)
  }
  const listing = account.listings.get(sku)
  if (!listing) {
    throw new HttpError(404, "SKU_NOT_FOUND", `No listing with SKU ${sku} on this account`)
  }
  const cell = store.setQuantity(listing, location, input.quantity as number)
  return { sku, location, quantity: cell.quantity, updated_at: cell.updated_at }
}

/** Stock cells as rows, lazily: a page walks past the earlier rows without building them. */
function* stockRows(account: SandboxAccount, query: URLSearchParams) {
  const sku = query.get("sku")
  const location = query.get("location")
  const listings = sku ? [account.listings.get(sku)].filter((l) => l !== undefined) : account.listings.values()
  for (const listing of listings) {
    for (const [code, cell] of listing.stock) {
      if (!location || code === location) {
        yield { sku: listing.sku, location: code, quantity: cell.quantity, updated_at: cell.updated_at }
      }
    }
  }
}

function paginate<T>(all: Iterable<T>, query: URLSearchParams) {
  const limit = Math.min(500, Math.max(1, Number(query.get("limit") ?? 100) || 100))
  const offset = Math.max(0, Number(query.get("cursor") ?? 0) || 0)
  const items: T[] = []
  let index = 0
  let more = false
  for (const item of all) {
    if (index >= offset + limit) {
      more = true
      break
    }
    if (index >= offset) {
      items.push(item)
    }
    index++
  }
  return { items, next_cursor: more ? String(offset + limit) : null }
}

function accountView(account: SandboxAccount) {
  return { name: account.name, locations: [...account.locations.values()], max_batch_size: MAX_BATCH_SIZE }
}

function listingView(listing: { sku: string; product_id: string; title: string | null; gtin: string | null; status: string }) {
  const { sku, product_id, title, gtin, status } = listing
  return { sku, product_id, title, gtin, status }
}

function listingInput(raw: unknown, index: number) {
  const item = (raw ?? {}) as Record<string, unknown>
  if (typeof item.sku !== "string" || !item.sku) {
    throw new HttpError(400, "INVALID_BODY", `items[${index}].sku is required`)
  }
  const text = (key: string) => (typeof item[key] === "string" ? (item[key] as string) : undefined)
  return { sku: item.sku, product_id: text("product_id"), title: text("title"), gtin: text("gtin"), status: text("status") }
}

function webhookInput(raw: unknown) {
  const input = (raw ?? {}) as { url?: unknown; secret?: unknown; duplicate?: unknown }
  if (input.url === null) {
    return null
  }
  if (typeof input.url !== "string" || !/^https?:\/\//.test(input.url)) {
    throw new HttpError(400, "INVALID_BODY", "webhook.url must be an http(s) URL")
  }
  if (typeof input.secret !== "string" || input.secret.length < 16) {
    throw new HttpError(400, "INVALID_BODY", "webhook.secret must be a string of at least 16 characters")
  }
  return { url: input.url, secret: input.secret, duplicate: input.duplicate === true }
}

function arrayField(body: unknown, field: string): unknown[] {
  const value = (body as Record<string, unknown> | undefined)?.[field]
  if (!Array.isArray(value)) {
    throw new HttpError(400, "INVALID_BODY", `${field} must be an array`)
  }
  return value
}

function applyFault(res: ServerResponse, fault: NonNullable<ReturnType<typeof pickFault>>, hanging: Set<ServerResponse>) {
  switch (fault.type) {
    case "status":
      return send(res, fault.status, { error: { code: "SERVICE_UNAVAILABLE", message: "Simulated outage" } })
    case "rate_limit":
      res.setHeader("retry-after", String(fault.retry_after_s))
      return send(res, 429, { error: { code: "RATE_LIMITED", message: "Too many requests" } })
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" }).end('{"results": [{"sku": ')
      return
    case "timeout":
      // Never answer; the client's timeout decides. Closed when the server stops.
      hanging.add(res)
      res.on("close", () => hanging.delete(res))
      return
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return typeof value === "string" ? value : null
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(chunk as Buffer)
  }
  if (!chunks.length) {
    return undefined
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"))
  } catch {
    throw new HttpError(400, "MALFORMED_JSON", "Body is not valid JSON")
  }
}

export { DEFAULT_LOCATION }
