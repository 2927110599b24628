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
  /**
   * Rows one push round should take for this channel when that is more than the pipeline's
   * usual claim (500): a feed-based channel whose one call carries thousands of updates sets it
   * to its batch size, so that a big stock count becomes one feed rather than many.
   */
  round_size?: number
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
  /**
   * A cap on how often one listing may be revised per day (eBay: 250 per calendar day). The
   * pipeline counts each listing's pushes since the start of the day in `time_zone`: once fewer
   * than `reserve` revisions are left only decreases and zero-outs are sent (increases wait), and
   * at the cap every push waits for the next day, shown as deferred rather than failed.
   */
  revision_cap?: { per_day: number; reserve: number; time_zone: string }
}

/** One credential the admin form asks for. `secret` fields are masked in every response. */
export type CredentialField = {
  name: string
  label: string
  secret: boolean
  required: boolean
  description?: string
}

/**
 * A non-secret setting of one channel that changes how its adapter behaves (eBay's Out-of-Stock
 * Control, Amazon's feed threshold). The admin renders them beside the credentials; values are
 * stored on the channel in plain text.
 */
export type SettingField =
  | { name: string; label: string; type: "boolean"; default: boolean; description?: string }
  | { name: string; label: string; type: "number"; default: number; min?: number; max?: number; description?: string }

export type SettingValue = boolean | number

/** Everything a provider call knows about the channel account it acts for. */
export type ChannelContext = {
  channel_id: string
  channel_code: string
  credentials: Record<string, string>
  /**
   * The channel's settings with every declared field present (defaults filled in) when the
   * pipeline builds the context; contexts made by hand (tests) may leave it out, so read it as
   * `ctx.settings?.name ?? default`.
   */
  settings?: Record<string, SettingValue>
}

/**
 * Names one item of a push the same way in every answer, synchronous or asynchronous: the
 * channel SKU and the channel location's external id (`null` on channels that hold one number
 * per SKU). Results carry the ref of the update they answer; the pipeline matches on nothing else.
 */
export type ItemRef = { sku: string; location: string | null }

/** The key results are matched on: one per (SKU, location) within a push. */
export function itemKey(ref: ItemRef): string {
  return `${ref.sku}\u0000${ref.location ?? ""}`
}

export type QuantityUpdate = ItemRef & {
  listing_id: string
  /**
   * The channel's own id for the item, as kept on the listing (for example a Shopify inventory
   * item GID); null until a push or catalogue import resolved it.
   */
  channel_product_id?: string | null
  quantity: number
  /**
   * What the channel held at our last look: the last value it confirmed for a push, or the last
   * value read back, whichever is newer; null when never known. Compare-and-set channels send it
   * as the expected current value.
   */
  known_quantity?: number | null
  /**
   * The plugin's id of this push (its sync record) and which try this is: channels that keep a
   * reference document or take idempotency keys build them from these.
   */
  reference?: string
  attempt?: number
}

/** The channel held another value than `known_quantity` when the push arrived (compare-and-set). */
export type ItemDrift = { expected: number | null; found: number }

export type PushItemResult = ItemRef &
  (
    | {
        outcome: "success"
        quantity: number
        /** The channel's id for the item when this push resolved it; the listing keeps it. */
        channel_product_id?: string
        drift?: ItemDrift
        /**
         * What the merchant should know about an accepted push, kept on its Sync Log row (eBay
         * ended the listing at 0, say).
         */
        note?: string
      }
    | { outcome: "submitted"; submission_id: string; channel_product_id?: string }
    | { outcome: "error"; error: ChannelErrorShape; channel_product_id?: string }
    /**
     * The channel does not take quantities for this item, and will not (Amazon's FBA listings:
     * Amazon counts their stock). Not an error: the listing stops pushing with `code` as its
     * reason and its Sync Log row says `message`.
     */
    | { outcome: "skipped"; code: string; message: string; channel_product_id?: string }
    /**
     * The channel refused this item for now but will take it later without any change (eBay's
     * daily revision cap, hit by edits made outside the plugin): no failure and no try used up;
     * the row is Deferred and sent again after `retry_after_ms`.
     */
    | { outcome: "deferred"; code: string; message: string; retry_after_ms: number; channel_product_id?: string }
  )

export type PushResult = {
  items: PushItemResult[]
  /** The channel's word on its budget in this answer; the shared limiter adopts it. */
  budget?: BudgetReport
}

/** One item of a processed asynchronous submission, named by the same ref as the update. */
export type SubmissionItemResult = ItemRef &
  (
    | { outcome: "success"; quantity: number; note?: string }
    | { outcome: "error"; error: ChannelErrorShape }
    /** The report says the channel does not take this item's quantity (see PushItemResult). */
    | { outcome: "skipped"; code: string; message: string }
  )

/** One item the pipeline still waits on under a submission: what was sent, and its sync record. */
export type SubmittedItem = ItemRef & { quantity: number; reference: string | null }

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

/** A stock location as the channel names it, for mapping onto channel locations. */
export type RemoteLocation = {
  /** What pushes send as the location (`external_id` of a channel location). */
  id: string
  /** A short code for our channel location, derived from the channel's name when it has none. */
  code: string
  name: string
  active: boolean
}

export type ConnectionResult =
  | { ok: true; account: string | null }
  | { ok: false; error: ChannelErrorShape }
