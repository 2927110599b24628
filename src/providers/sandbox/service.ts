import {
  AbstractMarketplaceProvider,
  CatalogueEntry,
  CatalogueStatus,
  ChannelCapabilities,
  ChannelContext,
  ChannelError,
  ChannelOrder,
  ChannelOrderStatus,
  ChannelQuantity,
  ConnectionResult,
  CredentialField,
  Page,
  PushItemResult,
  PushResult,
  QuantityUpdate,
  RemoteLocation,
  SubmissionStatus,
  verifyHmac,
  WebhookEvent,
  WebhookRequest,
} from "../../lib/provider"
import { SandboxClient, SandboxHttp } from "./client"

/** The sandbox documents 50 updates per `POST /api/stock/batch` and answers 413 above it. */
const MAX_BATCH_SIZE = 50
/** The sandbox publishes no limit; stay polite at 20 calls a second per account. */
const RATE_LIMIT = { requests: 20, per_ms: 1_000 }
const DEFAULT_TIMEOUT_MS = 10_000

export type SandboxOptions = {
  base_url: string
  timeout_ms?: number
  /** "async" pushes through the sandbox's feed endpoint and reads results later, like feed-based marketplaces. */
  push_mode?: "sync" | "async"
  /** Calls per second this plugin allows itself against the sandbox (default 20). */
  requests_per_second?: number
  /**
   * Play a channel without read-back or without forced overwrites (both default true), to see
   * how the plugin treats marketplaces that lack them.
   */
  read_back?: boolean
  force_reconcile?: boolean
  /** Play a channel that allows each listing only so many revisions a day (like eBay's 250). */
  revision_cap?: { per_day: number; reserve: number; time_zone: string }
}

type BatchResult =
  | { index: number; status: "ok"; quantity: number }
  | { index: number; status: "error"; code: string; message: string }

/** Item error codes the sandbox returns that mean "no such thing on the channel". */
const NOT_FOUND_CODES = new Set(["SKU_NOT_FOUND", "LOCATION_NOT_FOUND"])

export class SandboxProvider extends AbstractMarketplaceProvider<SandboxOptions> {
  static identifier = "sandbox"
  static displayName = "Sandbox marketplace"

  static validateOptions(options: Record<string, unknown>): void {
    const url = options?.base_url
    if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
      throw new Error(`sandbox provider: option base_url must be an http(s) URL, got ${JSON.stringify(url)}`)
    }
    if (options.push_mode !== undefined && options.push_mode !== "sync" && options.push_mode !== "async") {
      throw new Error(`sandbox provider: option push_mode must be "sync" or "async", got ${JSON.stringify(options.push_mode)}`)
    }
    for (const flag of ["read_back", "force_reconcile"]) {
      if (options[flag] !== undefined && typeof options[flag] !== "boolean") {
        throw new Error(`sandbox provider: option ${flag} must be true or false`)
      }
    }
    const rate = options.requests_per_second
    if (rate !== undefined && (typeof rate !== "number" || rate <= 0)) {
      throw new Error("sandbox provider: option requests_per_second must be a positive number")
    }
    const timeout = options.timeout_ms
    if (timeout !== undefined && (typeof timeout !== "number" || timeout <= 0)) {
      throw new Error("sandbox provider: option timeout_ms must be a positive number")
    }
    const cap = options.revision_cap as SandboxOptions["revision_cap"] | undefined
    if (cap !== undefined && !(cap && cap.per_day > 0 && cap.reserve >= 0 && typeof cap.time_zone === "string")) {
      throw new Error("sandbox provider: option revision_cap must be { per_day > 0, reserve >= 0, time_zone }")
    }
  }

  readonly capabilities: ChannelCapabilities = {
    batch_size: MAX_BATCH_SIZE,
    rate_limit: this.options.requests_per_second ? { requests: this.options.requests_per_second, per_ms: 1_000 } : RATE_LIMIT,
    per_location: true,
    push_mode: this.options.push_mode ?? "sync",
    read_back: this.options.read_back ?? true,
    catalogue: true,
    order_import: true,
    webhooks: true,
    force_reconcile: this.options.force_reconcile ?? true,
    ...(this.options.revision_cap ? { revision_cap: this.options.revision_cap } : {}),
  }

  protected readonly http: SandboxHttp

  constructor(cradle: Record<string, unknown>, options: SandboxOptions, http?: SandboxHttp) {
    super(cradle, options)
    this.http = http ?? new SandboxClient(options.base_url, options.timeout_ms ?? DEFAULT_TIMEOUT_MS)
  }

  credentialFields(): CredentialField[] {
    return [
      { name: "api_key", label: "API key", secret: true, required: true, description: "Seller API key (X-Api-Key)" },
      {
        name: "webhook_secret",
        label: "Webhook secret",
        secret: true,
        required: false,
        description: "Signs the marketplace's order webhooks (X-Sandbox-Signature); without it webhooks are refused and orders arrive by polling",
      },
    ]
  }

  async testConnection(ctx: ChannelContext): Promise<ConnectionResult> {
    try {
      const account = await this.http.request<{ name: string }>("GET", "/api/account", { apiKey: ctx.credentials.api_key })
      return { ok: true, account: account.name }
    } catch (error) {
      if (error instanceof ChannelError) {
        return { ok: false, error: error.toShape() }
      }
      throw error
    }
  }

  async pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult> {
    if (updates.length > MAX_BATCH_SIZE) {
      throw ChannelError.rejected(`At most ${MAX_BATCH_SIZE} updates per call, got ${updates.length}`, "BATCH_TOO_LARGE")
    }
    const body = { updates: updates.map(({ sku, location, quantity }) => ({ sku, quantity, ...(location ? { location } : {}) })) }
    if (this.capabilities.push_mode === "async") {
      const feed = await this.http.request<{ feed_id?: string }>("POST", "/api/stock/feeds", { apiKey: ctx.credentials.api_key, body })
      if (!feed?.feed_id) {
        throw ChannelError.transient("Sandbox feed answer has no feed_id", "MALFORMED_RESPONSE")
      }
      return {
        items: updates.map((update) => ({
          sku: update.sku,
          location: update.location ?? null,
          outcome: "submitted" as const,
          submission_id: feed.feed_id!,
        })),
      }
    }
    const response = await this.http.request<{ results?: BatchResult[] }>("POST", "/api/stock/batch", { apiKey: ctx.credentials.api_key, body })
    return { items: this.mapResults(updates, response?.results) }
  }

  async checkSubmission(ctx: ChannelContext, submissionId: string): Promise<SubmissionStatus> {
    const feed = await this.http.request<{ status?: string; updates?: { sku: string; location?: string }[]; results?: BatchResult[] }>(
      "GET",
      `/api/stock/feeds/${encodeURIComponent(submissionId)}`,
      { apiKey: ctx.credentials.api_key }
    )
    if (feed?.status === "processing") {
      return { status: "pending" }
    }
    if (feed?.status !== "done" || !Array.isArray(feed.results) || !Array.isArray(feed.updates)) {
      throw ChannelError.transient(`Sandbox feed ${submissionId} answered without a status, updates or results`, "MALFORMED_RESPONSE")
    }
    // A processed feed answers by index into the updates it was sent; each item is named by the
    // SKU and location that update carried.
    const sent = feed.updates
    return {
      status: "done",
      items: feed.results.map((result) => {
        const update = sent[result.index]
        const base = { sku: update?.sku ?? "", location: update?.location ?? null }
        return result.status === "ok"
          ? { ...base, outcome: "success" as const, quantity: result.quantity }
          : { ...base, outcome: "error" as const, error: itemError(result).toShape() }
      }),
    }
  }

  /** Per-item results of a batch, in the order of the updates sent. */
  private mapResults(updates: QuantityUpdate[], results: BatchResult[] | undefined): PushItemResult[] {
    if (!Array.isArray(results)) {
      throw ChannelError.transient("Sandbox batch answer has no results array", "MALFORMED_RESPONSE")
    }
    const byIndex = new Map(results.map((result) => [result.index, result]))
    return updates.map((update, index): PushItemResult => {
      const base = { sku: update.sku, location: update.location ?? null }
      const result = byIndex.get(index)
      if (!result) {
        return { ...base, outcome: "error", error: ChannelError.transient("No result for this item", "MISSING_RESULT").toShape() }
      }
      return result.status === "ok"
        ? { ...base, outcome: "success", quantity: result.quantity }
        : { ...base, outcome: "error", error: itemError(result).toShape() }
    })
  }


  async listLocations(ctx: ChannelContext): Promise<RemoteLocation[]> {
    const result = await this.http.request<{ items?: { id: string; code: string; name: string }[] }>("GET", "/api/locations", {
      apiKey: ctx.credentials.api_key,
    })
    if (!Array.isArray(result?.items)) {
      throw ChannelError.transient("Sandbox locations answer has no items array", "MALFORMED_RESPONSE")
    }
    return result.items.map((location) => ({ id: location.code, code: location.code, name: location.name ?? location.code, active: true }))
  }

  async readQuantities(ctx: ChannelContext, page: { cursor: string | null; skus?: string[] }): Promise<Page<ChannelQuantity>> {
    const query = new URLSearchParams({ limit: "500" })
    if (page.cursor) {
      query.set("cursor", page.cursor)
    }
    if (page.skus?.length === 1) {
      query.set("sku", page.skus[0])
    }
    const result = await this.http.request<Page<ChannelQuantity>>("GET", `/api/stock?${query}`, { apiKey: ctx.credentials.api_key })
    const wanted = page.skus && page.skus.length > 1 ? new Set(page.skus) : null
    return { items: wanted ? result.items.filter((item) => wanted.has(item.sku)) : result.items, next_cursor: result.next_cursor }
  }

  async listCatalogue(ctx: ChannelContext, page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    const query = new URLSearchParams({ limit: "500", ...(page.cursor ? { cursor: page.cursor } : {}) })
    const result = await this.http.request<Page<{ sku: string; product_id: string; title: string | null; gtin: string | null; status: string }>>(
      "GET",
      `/api/listings?${query}`,
      { apiKey: ctx.credentials.api_key }
    )
    if (!Array.isArray(result?.items)) {
      throw ChannelError.transient("Sandbox listings answer has no items array", "MALFORMED_RESPONSE")
    }
    return {
      items: result.items.map((item) => ({
        sku: item.sku,
        channel_product_id: item.product_id ?? null,
        title: item.title ?? null,
        gtin: item.gtin ?? null,
        status: CATALOGUE_STATUS[item.status] ?? null,
      })),
      next_cursor: result.next_cursor ?? null,
    }
  }

  async fetchOrders(ctx: ChannelContext, page: { since: string; cursor: string | null }): Promise<Page<ChannelOrder>> {
    const query = new URLSearchParams({ since: page.since, limit: "200", ...(page.cursor ? { cursor: page.cursor } : {}) })
    const result = await this.http.request<Page<SandboxOrder>>("GET", `/api/orders?${query}`, { apiKey: ctx.credentials.api_key })
    if (!Array.isArray(result?.items)) {
      throw ChannelError.transient("Sandbox orders answer has no items array", "MALFORMED_RESPONSE")
    }
    return { items: result.items.map(toChannelOrder), next_cursor: result.next_cursor ?? null }
  }

  verifyWebhook(ctx: ChannelContext, request: WebhookRequest): boolean {
    return verifyHmac({
      secret: ctx.credentials.webhook_secret,
      raw_body: request.raw_body,
      signature: request.headers["x-sandbox-signature"],
      encoding: "hex",
      prefix: "sha256=",
    })
  }

  parseWebhook(_ctx: ChannelContext, request: WebhookRequest): WebhookEvent[] {
    let body: { id?: unknown; type?: unknown; data?: unknown }
    try {
      body = JSON.parse(request.raw_body.toString("utf8"))
    } catch {
      throw ChannelError.rejected("Webhook body is not valid JSON", "MALFORMED_WEBHOOK")
    }
    if (typeof body?.id !== "string" || !body.id) {
      throw ChannelError.rejected("Webhook body has no event id", "MALFORMED_WEBHOOK")
    }
    if (body.type === "order.created" || body.type === "order.updated") {
      return [{ id: body.id, type: "order", order: toChannelOrder(checkOrder(body.data)) }]
    }
    // Events this plugin does not act on are acknowledged and dropped.
    if (typeof body.type !== "string") {
      throw ChannelError.rejected("Webhook body has no type", "MALFORMED_WEBHOOK")
    }
    return []
  }
}

type SandboxOrder = {
  id: string
  created_at: string
  updated_at: string
  status: string
  currency: string | null
  buyer_email: string | null
  lines: { sku: string; quantity: number; location: string | null; unit_price?: number; title?: string | null }[]
}

const CATALOGUE_STATUS: Record<string, CatalogueStatus> = {
  active: "active",
  inactive: "inactive",
  banned: "banned",
  archived: "archived",
  locked: "promo_locked",
}
const ORDER_STATUS: Record<string, ChannelOrderStatus> = { open: "open", cancelled: "cancelled", shipped: "shipped" }

/** Refuses an order payload that lacks what an import needs, naming the field. */
function checkOrder(raw: unknown): SandboxOrder {
  const order = raw as Partial<SandboxOrder> | undefined
  const fail = (field: string) => {
    throw ChannelError.rejected(`Webhook order has no valid ${field}`, "MALFORMED_WEBHOOK")
  }
  if (typeof order?.id !== "string" || !order.id) fail("id")
  if (typeof order!.status !== "string" || !ORDER_STATUS[order!.status]) fail("status")
  if (!Array.isArray(order!.lines) || !order!.lines.length) fail("lines")
  order!.lines!.forEach((line, i) => {
    if (typeof line?.sku !== "string" || !line.sku) fail(`lines[${i}].sku`)
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) fail(`lines[${i}].quantity`)
  })
  return order as SandboxOrder
}

function toChannelOrder(order: SandboxOrder): ChannelOrder {
  return {
    external_id: order.id,
    created_at: order.created_at,
    updated_at: order.updated_at ?? order.created_at,
    status: ORDER_STATUS[order.status] ?? "open",
    currency_code: order.currency ?? null,
    email: order.buyer_email ?? null,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      location: line.location ?? null,
      title: line.title ?? null,
      unit_price: line.unit_price ?? null,
    })),
  }
}

function itemError(result: { code: string; message: string }): ChannelError {
  return NOT_FOUND_CODES.has(result.code) ? ChannelError.notFound(result.message, result.code) : ChannelError.rejected(result.message, result.code)
}
