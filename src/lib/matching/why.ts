import type { MedusaContainer } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { loadListingQuantities } from "../stock/load-listing-quantities"
import { DEFAULT_SKU_SEPARATORS, VariantIndex } from "./rules"
import { loadMatchableVariants } from "./auto-match"

/** One reason a listing's quantity is not reaching the channel, and what to do about it. */
export type SyncCause = {
  code:
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
  title: string
  detail: string
  action: string
  /** Numbers behind the cause (nearest SKUs, stocked and reserved, quantities …). */
  data?: Record<string, unknown>
}

/**
 * "Why isn't this syncing": every cause that applies to the listing now, computed from its data
 * (the ERPNext-style integration's documented causes of non-sync). An empty list means the
 * channel was told what the store can sell.
 */
export async function explainListing(container: MedusaContainer, listingId: string): Promise<SyncCause[]> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const listing = await marketplace.retrieveListing(listingId, { relations: ["targets"] })
  const channel = await marketplace.retrieveChannel(listing.channel_id, { select: ["id", "name", "sync_enabled", "disabled_reason", "sku_separators"] })
  const causes: SyncCause[] = []

  if (!listing.variant_id) {
    const suggestion = listing.match_suggestion as { sku?: string; reason?: string; confidence?: number } | null
    if (suggestion) {
      causes.push({
        code: "not_mapped_yet",
        title: "New SKU not mapped yet",
        detail: `The matcher found a likely variant (${suggestion.sku ?? "?"}: ${suggestion.reason ?? ""}) but below full confidence, so it waits for a person.`,
        action: "Accept the suggestion on the Matching page, or match it by hand.",
        data: { suggestion },
      })
    } else {
      const index = new VariantIndex(await loadMatchableVariants(container), channel.sku_separators ?? DEFAULT_SKU_SEPARATORS)
      const nearest = index.nearestSkus(listing.channel_sku)
      causes.push({
        code: "no_match",
        title: "SKU mismatch",
        detail: `No variant has the SKU "${listing.channel_sku}"${nearest.length ? `; the nearest are ${nearest.join(", ")}` : ""}. Case, spaces and separators count as differences here.`,
        action: "Match it to a variant, or fix the SKU on the channel or in Medusa.",
        data: { nearest_skus: nearest },
      })
    }
  }

  if (listing.channel_status && ["inactive", "banned", "archived"].includes(listing.channel_status)) {
    causes.push({
      code: "channel_status",
      title: `The channel reports it ${listing.channel_status}`,
      detail: "Channels refuse quantity updates for listings they do not show.",
      action: listing.channel_status === "banned" ? "Resolve the listing's issue with the channel." : "Reactivate the listing on the channel, then import the catalogue again.",
    })
  }
  if (listing.channel_status === "promo_locked") {
    causes.push({
      code: "promo_locked",
      title: "Promo-locked on the channel",
      detail: "A promotion or deal on the channel freezes this listing's quantity until it ends.",
      action: "Wait for the promotion to end, or end it on the channel; then import the catalogue again.",
    })
  }
  if (!listing.sync_enabled && listing.disabled_reason !== "sku_mismatch") {
    causes.push({
      code: "listing_disabled",
      title: "\"Disable Stock Update\" is on for this listing",
      detail: `Reason: ${listing.disabled_reason ?? "none given"}${listing.disabled_note ? ` — ${listing.disabled_note}` : ""}.`,
      action: "Turn stock updates back on in the listing drawer once the reason is gone.",
    })
  }
  if (!channel.sync_enabled) {
    causes.push({
      code: "channel_disabled",
      title: `"Disable Stock Update" is on for the channel ${channel.name}`,
      detail: channel.disabled_reason ? `Reason: ${channel.disabled_reason}.` : "No reason was given.",
      action: "Turn sync back on on the channel's page.",
    })
  }

  if (listing.variant_id) {
    const [computed] = await loadListingQuantities(container, [listing.id])
    const targets = (computed?.breakdown.targets ?? []) as { breakdown?: { mode: string; items: { locations: { stocked: number; reserved: number }[] }[] } }[]
    const items = targets.flatMap((t) => (t.breakdown?.mode === "stock" ? t.breakdown.items : []))
    const stocked = items.reduce((sum, item) => sum + item.locations.reduce((s, l) => s + l.stocked, 0), 0)
    const reserved = items.reduce((sum, item) => sum + item.locations.reduce((s, l) => s + l.reserved, 0), 0)
    if (items.length && reserved >= stocked && stocked >= 0 && (computed?.quantity ?? 0) === 0) {
      causes.push({
        code: "reserved_covers_stock",
        title: "Reserved covers everything in stock",
        detail: `${reserved} reserved of ${stocked} stocked at the listing's locations, so the store can sell 0 and the channel is told 0.`,
        action: "Receive stock, or fulfil or cancel the orders holding it.",
        data: { stocked, reserved },
      })
    }
  }

  const targets = (listing.targets ?? []) as unknown as {
    last_pushed_at: Date | null
    last_pushed_quantity: number | null
    last_channel_quantity: number | null
    last_channel_quantity_at: Date | null
    location_code: string | null
    next_attempt_at: Date | null
    due_at: Date | null
    attempts: number
  }[]
  const [latest] = await marketplace.latestSyncRecords([listing.id])
  if (listing.variant_id && listing.sync_enabled && channel.sync_enabled && !listing.last_pushed_at && !latest) {
    causes.push({
      code: "never_pushed",
      title: "Never pushed",
      detail: "Its stock has not moved since it was linked, so nothing was sent yet.",
      action: "Press \"Sync now\" to send the current quantity.",
    })
  }
  for (const target of targets) {
    if (
      target.last_channel_quantity !== null &&
      target.last_pushed_quantity !== null &&
      target.last_channel_quantity !== target.last_pushed_quantity &&
      target.last_channel_quantity_at &&
      target.last_pushed_at &&
      new Date(target.last_channel_quantity_at) > new Date(target.last_pushed_at)
    ) {
      causes.push({
        code: "edited_on_channel",
        title: "Edited by hand on the channel",
        detail: `The channel shows ${target.last_channel_quantity}${target.location_code ? ` at ${target.location_code}` : ""}; we last wrote ${target.last_pushed_quantity}.`,
        action: "Force Reconcile to overwrite it, or find who edits stock on the channel.",
        data: { channel_quantity: target.last_channel_quantity, last_pushed_quantity: target.last_pushed_quantity, location: target.location_code },
      })
    }
  }
  if (latest?.status === "error") {
    const retrying = targets.some((t) => t.due_at && t.next_attempt_at)
    causes.push({
      code: "last_error",
      title: "The last push failed",
      detail: `${latest.error_code ? `${latest.error_code}: ` : ""}${latest.error_message ?? "no message"}. ${retrying ? "It will be retried." : "It will not retry on its own."}`,
      action: retrying ? "Wait for the retry, or fix the cause and Force Push." : "Fix the cause, then Force Push it from the Sync Log.",
      data: { sync_record_id: latest.id, retrying },
    })
  }
  return causes
}
