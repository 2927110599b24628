import type { QuantityBreakdown } from "../quantity"

/** The channel's quantities as read back, keyed by SKU and location. */
export class ChannelSnapshot {
  private readonly bySku = new Map<string, Map<string, number>>()

  add(sku: string, location: string | null, quantity: number): void {
    let locations = this.bySku.get(sku)
    if (!locations) {
      locations = new Map()
      this.bySku.set(sku, locations)
    }
    locations.set(location ?? "", quantity)
  }

  /**
   * What the channel shows for a SKU at one of its locations, or (location null, for channels
   * that take one number) over all the locations it reports. Undefined: the channel lacks it.
   */
  quantity(sku: string, location: string | null): number | undefined {
    const locations = this.bySku.get(sku)
    if (!locations) {
      return undefined
    }
    if (location === null) {
      let sum = 0
      locations.forEach((quantity) => (sum += quantity))
      return sum
    }
    return locations.get(location)
  }

  get size(): number {
    return this.bySku.size
  }
}

/**
 * Stocked and reserved in whole variant units over the target's locations: for a kit, the
 * stocked units its scarcest item allows and the reserved units of its most reserved item. Null
 * when the quantity does not come from stock (unmanaged, backorder, unmatched).
 */
export function stockUnits(breakdown: QuantityBreakdown): { stocked: number | null; reserved: number | null } {
  if (breakdown.mode !== "stock" || !breakdown.items.length) {
    return { stocked: null, reserved: null }
  }
  let stocked = Infinity
  let reserved = 0
  for (const item of breakdown.items) {
    const required = Math.max(1, item.required_quantity)
    const itemStocked = item.locations.reduce((sum, l) => sum + l.stocked, 0)
    const itemReserved = item.locations.reduce((sum, l) => sum + l.reserved, 0)
    stocked = Math.min(stocked, Math.floor(itemStocked / required))
    reserved = Math.max(reserved, Math.ceil(itemReserved / required))
  }
  return { stocked, reserved }
}

/** Match or mismatch by the delta; the listing's own state decides first. */
export function rowStatus(input: {
  matched: boolean
  enabled: boolean
  channel_quantity: number | undefined
  sellable: number | null
}): { status: string; delta: number | null } {
  const delta =
    input.channel_quantity === undefined || input.sellable === null ? null : input.sellable - input.channel_quantity
  if (!input.matched) {
    return { status: "not_matched", delta }
  }
  if (!input.enabled) {
    return { status: "disabled", delta }
  }
  if (input.channel_quantity === undefined) {
    return { status: "missing", delta }
  }
  return { status: delta === 0 ? "match" : "mismatch", delta }
}

/** What our outbox knows of one target: what we last told the channel, and whether a push is under way. */
export type PushState = {
  last_pushed_quantity: number | null
  last_pushed_at: Date | string | null
  /** Due, claimed or retrying: our own newer value is on its way. */
  pending: boolean
}

/**
 * The channel changed by itself: it shows something other than what we last told it, while no
 * push of ours is on its way and our last write is older than the echo window (channels apply
 * and report writes with some delay; until then their old value is our echo, not drift).
 */
export function isDrift(channelQuantity: number | undefined, state: PushState | undefined, now: number, echoWindowMs: number): boolean {
  if (channelQuantity === undefined || !state || state.last_pushed_quantity === null || state.pending) {
    return false
  }
  if (state.last_pushed_at && now - new Date(state.last_pushed_at).getTime() < echoWindowMs) {
    return false
  }
  return channelQuantity !== state.last_pushed_quantity
}
