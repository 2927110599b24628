import type { PartialRules } from "../../lib/quantity"

export type ChannelLocationInput = {
  external_id: string
  code: string
  name?: string | null
  stock_location_ids: string[]
}

export type CreateChannelInput = {
  name: string
  code: string
  provider_id: string
  credentials?: Record<string, string>
  /** The provider's channel settings (see settingFields); missing ones keep their defaults. */
  settings?: Record<string, boolean | number>
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: string | null
  sales_channel_id?: string | null
  force_reconcile_cooldown_minutes?: number
  order_import_enabled?: boolean
  sku_separators?: string | null
  metadata?: Record<string, unknown> | null
  locations?: ChannelLocationInput[]
}

export type UpdateChannelInput = {
  id: string
  name?: string
  code?: string
  /** A new set of credentials replaces the old one; null removes it; undefined keeps it. */
  credentials?: Record<string, string> | null
  /** Changes the named settings, keeping the others; null puts every setting back to its default. */
  settings?: Record<string, boolean | number> | null
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: string | null
  sales_channel_id?: string | null
  force_reconcile_cooldown_minutes?: number
  order_import_enabled?: boolean
  sku_separators?: string | null
  metadata?: Record<string, unknown> | null
}

export type ListingInput = {
  channel_id: string
  channel_sku: string
  channel_product_id?: string | null
  gtin?: string | null
  title?: string | null
  variant_id?: string | null
  pack_size?: number
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: "manual" | "sku_mismatch" | "channel_inactive" | "channel_banned" | "promo_locked" | "channel_fulfilled" | null
  disabled_note?: string | null
  /** The matcher's suggestion while unmatched; cleared when a variant is set. */
  match_suggestion?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
}

export type UpdateListingInput = Partial<Omit<ListingInput, "channel_id">> & { id: string }

export type CreateExportInput = {
  kind: "sync_log" | "reconciliation"
  /** The selection the rows are read with: the Sync Log's, or a reconciliation run's. */
  filter: Record<string, unknown>
  created_by?: string | null
}

export type CreateReconciliationInput = {
  channel_id: string
  /** Channel location ids; absent or empty means all of the channel's. */
  location_ids?: string[]
  trigger?: "manual" | "scheduled"
  created_by?: string | null
}

export type ForceReconcileInput = {
  channel_id?: string
  location_ids?: string[]
  /** Rows of a reconciliation run: only their listings at their locations. */
  row_ids?: string[]
  actor_id?: string | null
}
