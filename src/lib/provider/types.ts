import type { ChannelErrorShape } from "./errors"

/**
 * A request budget of `points` per `per_ms`, shared by every instance of the app. A call costs one
 * point unless the provider prices it (`AbstractMarketplaceProvider.pushCost`), so cost-based
 * APIs (Shopify's calculated query cost, a leaky bucket of points restored per second: set
 * `points` to the bucket and `per_ms` to the time it takes to refill) and per-operation token
 * buckets (Amazon's usage plans) are both a budget per operation.
 */
export type RateBudget = { points: number; per_ms: number }

/** The operations a budget can be declared for. */
export type RateOperation = "push" | "check" | "read" | "catalogue" | "orders"

/**
 * What a channel said about its budget in an answer, for the shared limiter to adopt: how long
 * it asks us to wait (a throttle), or how many points are left (`throttleStatus`,
 * `x-amzn-RateLimit-Limit`-style headers).
 */
export type BudgetReport = { wait_ms?: number; remaining?: number }

/** What a channel can do; the pipeline and the admin read these instead of naming channels. */
export type ChannelCapabilities = {
  /** Most quantity updates one push call may carry. */
  batch_size: number
  /** The channel's documented request budget, or null when it publishes none. */
  rate_limit: { requests: number; per_ms: number } | null
  /**
   * Budgets per operation, where a channel prices or limits operations apart (the push budget
   * replaces `rate_limit` for pushes). Each is shared by every instance.
   */
  rate_budgets?: Partial<Record<RateOperation, RateBudget>>
  /** Quantities are set per channel location rather than as one number per SKU. */
  per_location: boolean
  /** `async` channels answer a push with a submission id whose result is read later. */
  push_mode: "sync" | "async"
  /** Can read current channel quantities back (reconciliation). */
  read_back: boolean
  /** Can list the channel's catalogue (SKU matching). */
  catalogue: boolean
  order_import: boolean
  webhooks: boolean
  /** Accepts a forced overwrite of every quantity (force reconcile). */
  force_reconcile: boolean
}

/** One credential the admin form asks for. `secret` fields are masked in every response. */
export type CredentialField = {
  name: string
  label: string
  secret: boolean
  required: boolean
  description?: string
}

/** Everything a provider call knows about the channel account it acts for. */
export type ChannelContext = {
  channel_id: string
  channel_code: string
  credentials: Record<string, string>
}

export type QuantityUpdate = {
  listing_id: string
  sku: string
  channel_product_id?: string | null
  /** Channel location external id, for per-location channels. */
  location?: string | null
  quantity: number
}

export type PushItemResult =
  | { listing_id: string; location?: string | null; outcome: "success"; quantity: number }
  | { listing_id: string; location?: string | null; outcome: "submitted"; submission_id: string }
  | { listing_id: string; location?: string | null; outcome: "error"; error: ChannelErrorShape }

export type PushResult = {
  items: PushItemResult[]
  /** The channel's word on its budget in this answer; the shared limiter adopts it. */
  budget?: BudgetReport
}

/** One item of a processed asynchronous submission, named by SKU and location as feed reports do. */
export type SubmissionItemResult =
  | { sku: string; location?: string | null; outcome: "success"; quantity: number }
  | { sku: string; location?: string | null; outcome: "error"; error: ChannelErrorShape }

export type SubmissionStatus =
  | { status: "pending" }
  | { status: "done"; items: SubmissionItemResult[] }

export type Page<T> = { items: T[]; next_cursor: string | null }

export type ChannelQuantity = {
  sku: string
  location: string | null
  quantity: number
  updated_at: string | null
}

/**
 * What the channel says of a listing, normalised: `promo_locked` means a promotion or deal
 * freezes its quantity; `banned` that the channel took it down; `archived` that the seller did.
 */
export type CatalogueStatus = "active" | "inactive" | "banned" | "archived" | "promo_locked"
export const CATALOGUE_STATUSES: readonly CatalogueStatus[] = ["active", "inactive", "banned", "archived", "promo_locked"]

export type CatalogueEntry = {
  sku: string
  channel_product_id: string | null
  title: string | null
  /** GTIN, EAN or UPC as the channel holds it (not validated by the provider). */
  gtin: string | null
  status: CatalogueStatus | null
}

/** Where a channel order stands on the channel. */
export type ChannelOrderStatus = "open" | "cancelled" | "shipped"

export type ChannelOrderLine = {
  /** The channel's SKU of what was sold (one unit of the listing: a pack counts once). */
  sku: string
  quantity: number
  /** Channel location external id the line ships from, when the channel says. */
  location: string | null
  channel_product_id?: string | null
  title?: string | null
  /** Price of one unit as the channel charged it, in the order's currency (major units). */
  unit_price?: number | null
}

export type ChannelOrder = {
  /** The channel's own order id; with the channel, the key that makes imports idempotent. */
  external_id: string
  created_at: string
  /** Last change on the channel (status, lines); polls read orders changed since a cursor. */
  updated_at: string
  status: ChannelOrderStatus
  currency_code: string | null
  email: string | null
  lines: ChannelOrderLine[]
}

export type WebhookRequest = { headers: Record<string, string | string[] | undefined>; raw_body: Buffer }

/** A verified webhook's content; `id` is the channel's event id (deliveries repeat it on retry). */
export type WebhookEvent =
  | { id: string; type: "order"; order: ChannelOrder }
  | { id: string; type: "quantity.changed"; quantity: ChannelQuantity }

export type ConnectionResult =
  | { ok: true; account: string | null }
  | { ok: false; error: ChannelErrorShape }
