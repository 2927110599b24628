import type { ChannelErrorShape } from "./errors"

/** What a channel can do; the pipeline and the admin read these instead of naming channels. */
export type ChannelCapabilities = {
  /** Most quantity updates one push call may carry. */
  batch_size: number
  /** The channel's documented request budget, or null when it publishes none. */
  rate_limit: { requests: number; per_ms: number } | null
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

export type PushResult = { items: PushItemResult[] }

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

export type CatalogueEntry = {
  sku: string
  channel_product_id: string | null
  title: string | null
  gtin: string | null
  status: string | null
}

export type ChannelOrder = {
  external_id: string
  created_at: string
  lines: { sku: string; quantity: number; location: string | null }[]
}

export type WebhookRequest = { headers: Record<string, string | string[] | undefined>; raw_body: Buffer }

export type WebhookEvent =
  | { type: "order.created"; order: ChannelOrder }
  | { type: "quantity.changed"; quantity: ChannelQuantity }

export type ConnectionResult =
  | { ok: true; account: string | null }
  | { ok: false; error: ChannelErrorShape }
