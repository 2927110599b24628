import type { ChannelCapabilities, ConnectionResult, CredentialField } from "../../lib/provider/types"
import type { QuantityBreakdown, QuantityRules } from "../../lib/quantity/types"

export type { ConnectionResult, CredentialField, QuantityBreakdown }

/** Rules as a channel or listing stores them: absent keys inherit from the next level. */
export type PartialRules = Partial<QuantityRules>

export type MarketplaceProvider = {
  id: string
  identifier: string
  display_name: string
  capabilities: ChannelCapabilities
  credential_fields: CredentialField[]
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
  force_reconcile_cooldown_minutes: number
  metadata: Record<string, unknown> | null
  has_credentials: boolean
  credentials: Record<string, string> | null
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
  disabled_reason: string | null
  disabled_note: string | null
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
  rules?: PartialRules | null
  sync_enabled?: boolean
  disabled_reason?: string | null
  sales_channel_id?: string | null
}

export type UpdateChannelPayload = Partial<Omit<CreateChannelPayload, "provider_id">>

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
}

export type ListingListQuery = {
  channel_id: string
  q?: string
  matched?: boolean
  limit: number
  offset: number
}
