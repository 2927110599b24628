/** In-memory state of the sandbox marketplace: seller accounts, their listings, stock and orders. */

export const DEFAULT_LOCATION = "default"

/** A warehouse of a seller; the API names it by `id`, which is its code. */
export type SandboxLocation = { id: string; code: string; name: string }
export type StockCell = { quantity: number; updated_at: string }
export type SandboxListing = {
  sku: string
  product_id: string
  title: string | null
  gtin: string | null
  /**
   * `active`, `inactive`, `banned` (taken down by the marketplace), `archived` (by the seller) or
   * `locked` (a promotion freezes the quantity).
   */
  status: string
  stock: Map<string, StockCell>
}
export type SandboxOrderLine = { sku: string; quantity: number; location: string; unit_price: number; title: string | null }
export type SandboxOrder = {
  id: string
  created_at: string
  updated_at: string
  /** `open`, `cancelled` or `shipped`. */
  status: string
  currency: string
  buyer_email: string | null
  lines: SandboxOrderLine[]
}

/** Where the marketplace sends its webhooks for an account, signed with the account's secret. */
export type SandboxWebhook = {
  url: string
  secret: string
  /** Deliver every event twice, as marketplaces with at-least-once delivery sometimes do. */
  duplicate: boolean
}

export type SandboxEvent = { id: string; type: string; created_at: string; data: unknown }
export type SandboxAccount = {
  api_key: string
  name: string
  locations: Map<string, SandboxLocation>
  listings: Map<string, SandboxListing>
  orders: SandboxOrder[]
  /** Asynchronous stock feeds, processed once their delay has passed. */
  feeds: Map<string, SandboxFeed>
  /** Extra delay on every API call of this account (a slow or throttled seller account). */
  latency_ms: number
  webhook: SandboxWebhook | null
}

export type SandboxFeed = {
  id: string
  created_at: string
  ready_at: number
  updates: unknown[]
  results: unknown[] | null
}

export type QuantityListener = (change: { sku: string; location: string; quantity: number; at: number }) => void
export type EventListener = (account: SandboxAccount, event: SandboxEvent) => void

export class SandboxStore {
  readonly accounts = new Map<string, SandboxAccount>()
  private sequence = 0
  private readonly listeners = new Set<QuantityListener>()
  private readonly eventListeners = new Set<EventListener>()
  /** How long an asynchronous feed stays "processing" before its result can be read. */
  feedDelayMs = 300

  /** Calls `listener` on every quantity change (benchmarks time pushes with it); returns an unsubscribe. */
  onQuantity(listener: QuantityListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Calls `listener` on every event the marketplace raises (the server delivers them as webhooks). */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  addAccount(input: {
    api_key: string
    name?: string
    locations?: { code: string; name?: string }[]
    webhook?: SandboxWebhook | null
  }): SandboxAccount {
    const locations = input.locations?.length ? input.locations : [{ code: DEFAULT_LOCATION, name: "Default" }]
    const account: SandboxAccount = {
      api_key: input.api_key,
      name: input.name ?? input.api_key,
      locations: new Map(
        locations.map((l) => [l.code, { id: l.code, code: l.code, name: l.name ?? l.code }])
      ),
      listings: this.accounts.get(input.api_key)?.listings ?? new Map(),
      orders: this.accounts.get(input.api_key)?.orders ?? [],
      feeds: this.accounts.get(input.api_key)?.feeds ?? new Map(),
      latency_ms: 0,
      webhook: input.webhook ?? this.accounts.get(input.api_key)?.webhook ?? null,
    }
    this.accounts.set(input.api_key, account)
    return account
  }

  upsertListing(
    account: SandboxAccount,
    input: { sku: string; product_id?: string; title?: string; gtin?: string; status?: string }
  ): SandboxListing {
    const existing = account.listings.get(input.sku)
    const listing: SandboxListing = {
      sku: input.sku,
      product_id: input.product_id ?? existing?.product_id ?? `SBX-${++this.sequence}`,
      title: input.title ?? existing?.title ?? null,
      gtin: input.gtin ?? existing?.gtin ?? null,
      status: input.status ?? existing?.status ?? "active",
      stock: existing?.stock ?? new Map(),
    }
    account.listings.set(input.sku, listing)
    return listing
  }

  setQuantity(listing: SandboxListing, location: string, quantity: number): StockCell {
    const now = Date.now()
    const cell = { quantity, updated_at: new Date(now).toISOString() }
    listing.stock.set(location, cell)
    this.listeners.forEach((listener) => listener({ sku: listing.sku, location, quantity, at: now }))
    return cell
  }

  /** A buyer orders on the marketplace: stock drops there, the order joins the feed, a webhook goes out. */
  placeOrder(
    account: SandboxAccount,
    lines: { sku: string; quantity: number; location?: string; unit_price?: number }[],
    options: { id?: string; currency?: string; buyer_email?: string | null } = {}
  ): SandboxOrder {
    const now = this.orderClock()
    const order: SandboxOrder = {
      id: options.id ?? `SBX-ORDER-${++this.sequence}`,
      created_at: now,
      updated_at: now,
      status: "open",
      currency: options.currency ?? "eur",
      buyer_email: options.buyer_email === undefined ? `buyer-${this.sequence}@marketplace.invalid` : options.buyer_email,
      lines: lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        location: line.location ?? firstLocation(account),
        unit_price: line.unit_price ?? 10,
        title: account.listings.get(line.sku)?.title ?? null,
      })),
    }
    for (const line of order.lines) {
      this.moveStock(account, line, -line.quantity)
    }
    account.orders.push(order)
    this.emit(account, "order.created", order)
    return order
  }

  /** The buyer or the marketplace cancels: the units go back on sale there and a webhook goes out. */
  setOrderStatus(account: SandboxAccount, id: string, status: "cancelled" | "shipped"): SandboxOrder | null {
    const order = account.orders.find((o) => o.id === id)
    if (!order || order.status === status) {
      return order ?? null
    }
    if (status === "cancelled" && order.status === "open") {
      order.lines.forEach((line) => this.moveStock(account, line, line.quantity))
    }
    order.status = status
    order.updated_at = this.orderClock()
    // Keep the feed ordered by change, as `GET /api/orders?since=` reads it.
    account.orders.splice(account.orders.indexOf(order), 1)
    account.orders.push(order)
    this.emit(account, "order.updated", order)
    return order
  }

  private moveStock(account: SandboxAccount, line: { sku: string; location: string }, delta: number) {
    const listing = account.listings.get(line.sku)
    if (listing) {
      const current = listing.stock.get(line.location)?.quantity ?? 0
      this.setQuantity(listing, line.location, Math.max(0, current + delta))
    }
  }

  /** Strictly increasing ISO times, so every change of the order feed has its own position. */
  private lastOrderTime = 0
  private orderClock(): string {
    this.lastOrderTime = Math.max(Date.now(), this.lastOrderTime + 1)
    return new Date(this.lastOrderTime).toISOString()
  }

  private emit(account: SandboxAccount, type: string, data: unknown) {
    const event: SandboxEvent = { id: this.nextId("EVT"), type, created_at: new Date().toISOString(), data: JSON.parse(JSON.stringify(data)) }
    this.eventListeners.forEach((listener) => listener(account, event))
  }

  nextId(prefix: string): string {
    return `${prefix}-${++this.sequence}`
  }

  reset(): void {
    this.accounts.clear()
    this.sequence = 0
    this.feedDelayMs = 300
  }
}

export function firstLocation(account: SandboxAccount): string {
  return account.locations.keys().next().value ?? DEFAULT_LOCATION
}
