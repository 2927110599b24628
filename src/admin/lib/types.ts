import type { ChannelCapabilities, ConnectionResult, CredentialField, SettingField, SettingValue } from "../../lib/provider/types"
import type { QuantityBreakdown, QuantityRules } from "../../lib/quantity/types"

export type { ConnectionResult, CredentialField, QuantityBreakdown, SettingField, SettingValue }

/** Rules as a channel or listing stores them: absent keys inherit from the next level. */
export type PartialRules = Partial<QuantityRules>

export type MarketplaceProvider = {
  id: string
  identifier: string
  display_name: string
  capabilities: ChannelCapabilities
  credential_fields: CredentialField[]
  /** Channel settings the provider reads (Out-of-Stock Control, a feed threshold …). */
  setting_fields: SettingField[]
  is_enabled: boolean
}

export type ChannelLocation = {
  id: string
  channel_id: string
  external_id: string
  code: string
  name: string | null
  stock_location_ids: string[]
  created_at: string
  updated_at: string
}

/** A channel as the API returns it: credentials masked, `has_credentials` says whether any are stored. */
export type Channel = {
  id: string
  name: string
  code: string
  provider_id: string
  rules: PartialRules | null
  sync_enabled: boolean
  disabled_reason: string | null
  sales_channel_id: string | null
  /** Orders placed on the channel become Medusa orders in the sales channel. */
  order_import_enabled: boolean
  /** Characters the matcher ignores in SKUs; null uses the default. */
  sku_separators: string | null
  force_reconcile_cooldown_minutes: number
  metadata: Record<string, unknown> | null
  has_credentials: boolean
  credentials: Record<string, string> | null
  /** Every setting of the provider, defaults filled in. */
  settings: Record<string, SettingValue>
  /** What the provider says is risky about these settings, for the channel page. */
  warnings: string[]
  locations?: ChannelLocation[]
  created_at: string
  updated_at: string
}

export type VariantSummary = {
  id: string
  sku: string | null
  title: string
  product_title: string | null
}

/** Why "Disable Stock Update" is on; `sku_mismatch` and the channel ones are set by the matcher. */
export type ListingDisabledReason = "manual" | "sku_mismatch" | "channel_inactive" | "channel_banned" | "promo_locked" | "channel_fulfilled"

export type MatchRule = "exact_sku" | "normalized_sku" | "gtin" | "channel_product_id"

/** The matcher's best guess for an unmatched listing, waiting for a person. */
export type MatchSuggestion = {
  variant_id: string
  sku: string | null
  rule: MatchRule
  /** 0–1; only 1 is applied without a person. */
  confidence: number
  reason: string
}

export type Listing = {
  id: string
  channel_id: string
  channel_sku: string
  channel_product_id: string | null
  gtin: string | null
  title: string | null
  variant_id: string | null
  variant: VariantSummary | null
  pack_size: number
  rules: PartialRules | null
  sync_enabled: boolean
  disabled_reason: ListingDisabledReason | null
  disabled_note: string | null
  /** The channel's own word from the catalogue import: active, inactive, banned, archived, promo_locked. */
  channel_status: string | null
  match_suggestion: MatchSuggestion | null
  /** What the formula said at the last computation (sum over targets); null before the first. */
  desired_quantity?: number | null
  last_pushed_quantity: number | null
  last_pushed_at: string | null
  preview_quantity?: number
  preview_mode?: QuantityBreakdown["mode"] | null
  created_at: string
}

export type ListingTarget = {
  channel_location_id: string | null
  location_code: string | null
  quantity: number
  breakdown: QuantityBreakdown
}

export type ListingPreview = {
  listing_id: string
  quantity: number
  breakdown: { per_location: boolean; targets: ListingTarget[] }
}

export type Paginated<K extends string, T> = { [key in K]: T[] } & {
  count: number
  offset: number
  limit: number
}

export type ChannelListResponse = Paginated<"channels", Channel>
export type ListingListResponse = Paginated<"listings", Listing>
export type ProviderListResponse = Paginated<"providers", MarketplaceProvider>
export type LocationListResponse = Paginated<"locations", ChannelLocation>

export type CreateChannelPayload = {
  name: string
  code: string
  provider_id: string
  credentials?: Record<string, string>
  settings?: Record<string, SettingValue>
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: string | null
  sales_channel_id?: string | null
  order_import_enabled?: boolean
  sku_separators?: string | null
}

export type UpdateChannelPayload = Partial<Omit<CreateChannelPayload, "provider_id" | "settings">> & {
  settings?: Record<string, SettingValue> | null
}

/** A stock location as the channel lists it; `mapped_to` is the channel location that maps it already. */
export type RemoteLocation = {
  id: string
  code: string
  name: string
  active: boolean
  mapped_to: string | null
}

export type RemoteLocationListResponse = { locations: RemoteLocation[] }

/** One chosen remote location: its channel id, our code and name for it, and the stock locations that feed it. */
export type ImportLocationChoice = {
  id: string
  code?: string
  name?: string | null
  stock_location_ids: string[]
}

export type ImportLocationsResponse = {
  locations: ChannelLocation[]
  skipped: { id: string; mapped_to: string }[]
}

export type ChannelLocationPayload = {
  external_id: string
  code: string
  name?: string | null
  stock_location_ids: string[]
}

export type CreateListingPayload = {
  channel_id: string
  channel_sku: string
  channel_product_id?: string | null
  variant_id?: string | null
  pack_size?: number
  rules?: PartialRules | null
}

export type UpdateListingPayload = {
  variant_id?: string | null
  pack_size?: number
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: ListingDisabledReason | null
  disabled_note?: string | null
}

/** `variant_id: null` unmatches. */
export type MatchPayload = { matches: { listing_id: string; variant_id: string | null }[] }

/** What catalogue import and auto-match did. */
export type MatchSummary = {
  entries: number
  created: number
  matched: number
  suggested: number
  unmatched: number
  released_orders: number
}

export type MatchFileRowStatus = "ok" | "unknown_sku" | "unknown_variant" | "duplicate" | "invalid"

export type MatchFileRow = {
  /** Line of the file; the header is line 1. */
  row: number
  channel_sku: string
  variant_sku: string
  status: MatchFileRowStatus
  message: string | null
  listing_id: string | null
  variant_id: string | null
}

export type MatchFilePayload = { channel_id: string; filename: string; content_base64: string; confirm: boolean }

export type MatchFileReport = {
  rows: MatchFileRow[]
  summary: { total: number; ok: number; bad: number; applied: number }
  /** The bad rows as CSV, to download and fix. */
  report_csv: string
}

export type SyncCauseCode =
  | "no_match"
  | "not_mapped_yet"
  | "never_pushed"
  | "reserved_covers_stock"
  | "channel_status"
  | "promo_locked"
  | "listing_disabled"
  | "channel_disabled"
  | "edited_on_channel"
  | "last_error"

/** One reason a listing's quantity is not reaching its channel, and what to do about it. */
export type SyncCause = { code: SyncCauseCode; title: string; detail: string; action: string; data?: Record<string, unknown> }

export type ChannelOrderStatus = "received" | "importing" | "staged" | "imported" | "cancelled" | "failed"

export type ChannelOrderLine = {
  sku: string
  quantity: number
  location: string | null
  title: string | null
  unit_price: number | null
  /** The listing the line's SKU is on this channel, with its match state. */
  listing: { id: string; variant_id: string | null; match_suggestion: MatchSuggestion | null; title: string | null } | null
  matched: boolean
}

/** An order placed on a channel, as this store received it. */
export type ChannelOrder = {
  id: string
  channel_id: string
  channel: ChannelRef | null
  external_id: string
  status: ChannelOrderStatus
  /** What the channel last said: open, cancelled or shipped. */
  channel_status: string
  lines: ChannelOrderLine[]
  currency_code: string | null
  email: string | null
  placed_at: string
  order_id: string | null
  error_message: string | null
  attempts: number
  source: string
  created_at: string
  updated_at: string
}

export type ChannelOrderListQuery = {
  channel_id?: string
  status?: ChannelOrderStatus[]
  q?: string
  order_id?: string
  limit: number
  offset: number
}

export type ChannelOrderListResponse = Paginated<"channel_orders", ChannelOrder>

export type ListingListQuery = {
  channel_id: string
  q?: string
  matched?: boolean
  limit: number
  offset: number
}

export type SyncStatus = "in_process" | "submitted" | "deferred" | "success" | "error" | "skipped"

/** normal: open rows plus the last 24 h of successes; archive: rows moved out by Force Push or age. */
export type SyncLogView = "normal" | "archive"

export type ChannelRef = { id: string; name: string; code: string }

/** One push attempt of one listing (one target of it, for per-location channels). */
export type SyncLog = {
  id: string
  channel_id: string
  channel: ChannelRef | null
  listing_id: string
  target_id: string | null
  channel_location_id: string | null
  location_code: string | null
  channel_sku: string
  channel_product_id: string | null
  variant_id: string | null
  variant_sku: string | null
  quantity: number
  breakdown: QuantityBreakdown | null
  trigger_event: string
  trigger_id: string | null
  status: SyncStatus
  attempts: number
  error_code: string | null
  error_message: string | null
  /** What the merchant should know about an accepted push (eBay ended the listing at 0, say). */
  note?: string | null
  submission_id: string | null
  submitted_at: string | null
  completed_at: string | null
  archived: boolean
  archived_at: string | null
  created_at: string
  updated_at: string
}

export type SyncStatusCounts = Record<SyncStatus, number>

export type SyncLogListResponse = Paginated<"sync_logs", SyncLog> & { status_counts: SyncStatusCounts }

/** The filters "Force Push all errors" re-sends; the view and status are implied (open errors). */
export type SyncLogFilter = {
  channel_id?: string
  q?: string
  created_from?: string
  created_to?: string
}

export type SyncLogListQuery = SyncLogFilter & {
  view: SyncLogView
  status?: SyncStatus[]
  limit: number
  offset: number
}

export type ForcePushPayload = { ids: string[] } | { filter: SyncLogFilter }

export type ForcePushResult = { queued: number; listing_ids: string[] }

export type SyncNowResult = { due: number }

export type SyncRecordSummary = {
  id: string
  status: SyncStatus
  quantity: number
  error_code: string | null
  error_message: string | null
  created_at: string
}

export type ListingSyncTarget = {
  id: string
  location_code: string | null
  desired_quantity: number | null
  last_pushed_quantity: number | null
  last_pushed_at: string | null
  due: boolean
  breakdown: QuantityBreakdown | null
}

/** A listing's push state, returned with `include_sync=true`. */
export type ListingSync = {
  desired_quantity: number | null
  last_pushed_quantity: number | null
  last_pushed_at: string | null
  due: boolean
  last_record: SyncRecordSummary | null
  targets: ListingSyncTarget[]
}

export type VariantListing = Listing & { channel: ChannelRef | null; sync: ListingSync | null }

export type VariantListingListResponse = Paginated<"listings", VariantListing>

export type ExportStatus = "pending" | "success" | "failed"

/** One entry of the Export History. */
export type ExportJob = {
  id: string
  kind: "sync_log" | "reconciliation"
  status: ExportStatus
  filter: Record<string, unknown>
  filename: string
  row_count: number | null
  file_size: number | null
  created_by: string | null
  created_by_email: string | null
  error_message: string | null
  created_at: string
  completed_at: string | null
  /** Admin API path of the file; null until the export succeeded. */
  download_url: string | null
}

export type ExportListResponse = { exports: ExportJob[]; count: number; offset: number; limit: number }

export type CreateExportPayload =
  | { kind: "sync_log"; filter: SyncLogFilter & { view: SyncLogView; status?: SyncStatus[] } }
  | { kind: "reconciliation"; filter: { reconciliation_id: string; status?: string[] } }

export type ReconciliationStatus = "pending" | "running" | "success" | "failed"
export type ReconciliationRowStatus = "match" | "mismatch" | "missing" | "not_matched" | "disabled" | "error"

export type Reconciliation = {
  id: string
  channel_id: string
  channel_location_ids: string[] | null
  status: ReconciliationStatus
  trigger: string
  total: number | null
  processed: number
  progress?: number
  counts: Partial<Record<ReconciliationRowStatus | "drift", number>> | null
  error_message: string | null
  created_at: string
  started_at: string | null
  completed_at: string | null
}

export type ReconciliationRow = {
  id: string
  listing_id: string
  channel_location_id: string | null
  location_code: string | null
  location_external_id: string | null
  variant_sku: string | null
  product_title: string | null
  channel_sku: string
  channel_product_id: string | null
  gtin: string | null
  stocked: number | null
  reserved: number | null
  sellable: number | null
  channel_quantity: number | null
  delta: number | null
  /** What we last pushed ("before"); with `drift`, the channel changed it since. */
  last_pushed_quantity: number | null
  drift: boolean
  status: ReconciliationRowStatus
  error_message: string | null
}

export type ReconciliationDetail = {
  reconciliation: Reconciliation & { progress: number; stale_listings: number }
  rows: ReconciliationRow[]
  count: number
  offset: number
  limit: number
}

export type ForceReconcilePayload = { channel_id: string; location_ids?: string[] } | { row_ids: string[] }
export type ForceReconcileResult = { channel_id: string; listings: number; due: number }
