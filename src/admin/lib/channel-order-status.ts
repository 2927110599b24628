import type { ChannelOrderStatus } from "./types"

/** Filter order: what needs a person first. */
export const CHANNEL_ORDER_STATUSES: ChannelOrderStatus[] = ["staged", "failed", "received", "importing", "imported", "cancelled"]

/** What the Unmatched Orders page shows until the filter is changed. */
export const OPEN_CHANNEL_ORDER_STATUSES: ChannelOrderStatus[] = ["staged", "failed"]

export const CHANNEL_ORDER_STATUS_LABELS: Record<ChannelOrderStatus, string> = {
  received: "Received",
  importing: "Importing",
  staged: "Staged",
  imported: "Imported",
  cancelled: "Cancelled",
  failed: "Failed",
}

export const CHANNEL_ORDER_STATUS_COLORS: Record<ChannelOrderStatus, "blue" | "orange" | "green" | "grey" | "red"> = {
  received: "blue",
  importing: "blue",
  staged: "orange",
  imported: "green",
  cancelled: "grey",
  failed: "red",
}
