import type { ListingDisabledReason } from "./types"

export const MAX_PACK_SIZE = 10_000

/** The channel sells a case of this many units; a whole number from 1 to 10,000, as the API takes it. */
export function parsePackSize(raw: string): { ok: true; value: number } | { ok: false; error: string } {
  const value = Number(raw.trim())
  if (!raw.trim() || !Number.isInteger(value) || value < 1 || value > MAX_PACK_SIZE) {
    return { ok: false, error: `Enter a whole number from 1 to ${MAX_PACK_SIZE.toLocaleString()}` }
  }
  return { ok: true, value }
}

export const DISABLED_REASON_LABELS: Record<ListingDisabledReason, string> = {
  manual: "Turned off by hand",
  sku_mismatch: "SKU matches no variant",
  channel_inactive: "Inactive on the channel",
  channel_banned: "Taken down by the channel",
  promo_locked: "Promo-locked on the channel",
  channel_fulfilled: "Fulfilled by the channel, not pushed",
}

/**
 * Reasons a person may pick when turning stock updates off. `sku_mismatch` is left out: the
 * matcher sets and clears it with the match.
 */
export const PICKABLE_DISABLED_REASONS: ListingDisabledReason[] = ["manual", "channel_inactive", "channel_banned", "promo_locked"]
