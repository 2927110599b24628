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
  /** `active`, `inactive` or `locked` (a promotion freezes the quantity). */
  status: string
  stock: Map<string, StockCell>
}
export type SandboxOrder = {
  id: string
  created_at: string
  lines: { sku: string; quantity: number; location: string }[]
}
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
}

export type SandboxFeed = {
  id: string
  created_at: string
  ready_at: number
  updates: unknown[]
  results: unknown[] | null
}

export type QuantityListener = (change: { sku: string; location: string; quantity: number; at: number }) => void

export class SandboxStore {
  readonly accounts = new Map<string, SandboxAccount>()
  private sequence = 0
  private readonly listeners = new Set<QuantityListener>()
  /** How long an asynchronous feed stays "processing" before its result can be read. */
  feedDelayMs = 300

  /** Calls `listener` on every quantity change (benchmarks time pushes with it); returns an unsubscribe. */
  onQuantity(listener: QuantityListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  addAccount(input: { api_key: string; name?: string; locations?: { code: string; name?: string }[] }): SandboxAccount {
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

  /** A buyer orders on the marketplace: stock drops there and the order joins the feed. */
  placeOrder(account: SandboxAccount, lines: { sku: string; quantity: number; location?: string }[]): SandboxOrder {
    const order: SandboxOrder = {
      id: `SBX-ORDER-${++this.sequence}`,
      created_at: new Date().toISOString(),
      lines: lines.map((line) => ({ ...line, location: line.location ?? firstLocation(account) })),
    }
    for (const line of order.lines) {
      const listing = account.listings.get(line.sku)
      if (listing) {
        const current = listing.stock.get(line.location)?.quantity ?? 0
        this.setQuantity(listing, line.location, Math.max(0, current - line.quantity))
      }
    }
    account.orders.push(order)
    return order
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
