import { generateEntityId } from "@medusajs/framework/utils"
import type { Repository } from "./outbox"

/** A stored channel order line: the channel's line plus what it resolved to when last looked at. */
export type StoredOrderLine = {
  sku: string
  quantity: number
  location: string | null
  title: string | null
  unit_price: number | null
  listing_id: string | null
  variant_id: string | null
}

export type HeldReservation = { id: string; line: number; inventory_item_id: string }

/** Units a queued channel order will reserve at one stock location. */
export type PendingUnits = { inventory_item_id: string; location_id: string; quantity: number }

export type ChannelOrderRow = {
  id: string
  channel_id: string
  external_id: string
  status: "received" | "importing" | "staged" | "imported" | "cancelled" | "failed"
  channel_status: string
  lines: StoredOrderLine[]
  currency_code: string | null
  email: string | null
  placed_at: Date
  order_id: string | null
  held_reservations: HeldReservation[] | null
  pending: PendingUnits[] | null
  error_message: string | null
  attempts: number
}

export type ClaimInput = {
  channel_id: string
  external_id: string
  channel_status: string
  lines: StoredOrderLine[]
  currency_code: string | null
  email: string | null
  placed_at: string
  source: "webhook" | "poll"
  /**
   * What a delivery that owns the row moves it to: `importing` when the caller imports now (the
   * poll), `received` when it only queues the import (a webhook, answered before any work).
   */
  take: "importing" | "received"
}

/** An import that has not finished in this long is taken for dead, and the next delivery retakes it. */
const STALE_IMPORT = "10 minutes"

/**
 * The state changes of channel orders, each one statement, so that concurrent deliveries of one
 * order (a webhook and its retry, the poll) agree on who imports it and who cancels it.
 */
export class ChannelOrderStore {
  constructor(private readonly repository: Repository) {}

  /**
   * Records a delivery. The first delivery of an order inserts it (as `input.take`) and owns it
   * (`owner: true`); a later one records the channel's newest status and gets the row as it was
   * before. A `failed` row, an `importing` one older than the stale window, and (for a caller that
   * imports now) a `received` one still waiting in the queue are taken over.
   */
  async claim(input: ClaimInput): Promise<{ owner: boolean; previous: ChannelOrderRow["status"] | null; row: ChannelOrderRow }> {
    return this.repository.transaction(async (manager) => {
      const [inserted] = await manager.execute(
        `insert into mkt_channel_order (id, channel_id, external_id, status, channel_status, lines, currency_code, email, placed_at, source, attempts, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 1, now(), now())
         on conflict (channel_id, external_id) where deleted_at is null do nothing
         returning *`,
        [generateEntityId(undefined, "mcord"), input.channel_id, input.external_id, input.take, input.channel_status, JSON.stringify(input.lines), input.currency_code, input.email, input.placed_at, input.source]
      )
      if (inserted) {
        return { owner: true, previous: null, row: inserted as ChannelOrderRow }
      }
      const [row] = await manager.execute(
        `with old as (
           select id, status, status = 'failed'
                  or (status = 'importing' and updated_at < now() - interval '${STALE_IMPORT}')
                  or (status = 'received' and ? = 'importing') as taken
             from mkt_channel_order
            where channel_id = ? and external_id = ? and deleted_at is null for update)
         update mkt_channel_order o
            set channel_status = ?,
                lines = case when old.status in ('failed', 'importing', 'received') then ?::jsonb else o.lines end,
                status = case when old.taken then ? else o.status end,
                attempts = o.attempts + case when old.status = 'failed' then 1 else 0 end,
                updated_at = case when old.taken then now() else o.updated_at end
           from old where o.id = old.id
         returning o.*, old.status as previous_status, old.taken as taken`,
        [input.take, input.channel_id, input.external_id, input.channel_status, JSON.stringify(input.lines), input.take]
      )
      const previous = row.previous_status as ChannelOrderRow["status"]
      const owner = row.taken === true
      delete row.previous_status
      delete row.taken
      return { owner, previous, row: row as ChannelOrderRow }
    })
  }

  /**
   * Moves a row from one status to another if it is still in the first; null when another
   * delivery moved it first. Returns the row after the move (its `channel_status` is what the
   * channel said last, which the mover must look at).
   */
  async transition(
    id: string,
    from: ChannelOrderRow["status"][],
    to: ChannelOrderRow["status"],
    changes: Partial<Pick<ChannelOrderRow, "order_id" | "held_reservations" | "error_message" | "lines">> = {}
  ): Promise<ChannelOrderRow | null> {
    const sets = ["status = ?", "updated_at = now()"]
    if (to === "importing" && from.includes("failed")) {
      sets.push("attempts = attempts + 1")
    }
    const params: unknown[] = [to]
    for (const [key, value] of Object.entries(changes)) {
      sets.push(`${key} = ?${key === "lines" || key === "held_reservations" ? "::jsonb" : ""}`)
      params.push(key === "lines" || key === "held_reservations" ? (value === null ? null : JSON.stringify(value)) : value)
    }
    const [row] = await this.repository.transaction((manager) =>
      manager.execute(
        `update mkt_channel_order set ${sets.join(", ")}
          where id = ? and status in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null
          returning *`,
        [...params, id, JSON.stringify(from)]
      )
    )
    return (row as ChannelOrderRow) ?? null
  }

  async retrieve(id: string): Promise<ChannelOrderRow | null> {
    const [row] = await this.repository.transaction((manager) =>
      manager.execute(`select * from mkt_channel_order where id = ? and deleted_at is null`, [id])
    )
    return (row as ChannelOrderRow) ?? null
  }

  /** Queued orders whose units have not been looked at yet, oldest first. */
  async uncounted(limit: number): Promise<ChannelOrderRow[]> {
    return this.repository.transaction((manager) =>
      manager.execute(
        `select * from mkt_channel_order where status = 'received' and pending is null and deleted_at is null order by created_at limit ?`,
        [limit]
      )
    )
  }

  /** Records what a queued order will reserve (an empty list: nothing, it was looked at), while nobody has settled it yet. */
  async setPending(id: string, pending: PendingUnits[]): Promise<boolean> {
    const rows = await this.repository.transaction((manager) =>
      manager.execute(
        `update mkt_channel_order set pending = ?::jsonb
          where id = ? and status in ('received', 'importing') and pending is null and deleted_at is null returning id`,
        [JSON.stringify(pending), id]
      )
    )
    return rows.length > 0
  }

  /**
   * Units of these inventory items that queued channel orders will reserve, per order and
   * location: the quantity formula counts them as reserved until the import settles.
   */
  async pendingUnits(inventoryItemIds: string[]): Promise<(PendingUnits & { channel_order_id: string; status: string })[]> {
    if (!inventoryItemIds.length) {
      return []
    }
    const rows = await this.repository.transaction((manager) =>
      manager.execute(
        `select o.id as channel_order_id, o.status, p->>'inventory_item_id' as inventory_item_id, p->>'location_id' as location_id,
                (p->>'quantity')::float8 as quantity
           from mkt_channel_order o cross join lateral jsonb_array_elements(o.pending) p
          where o.status in ('received', 'importing') and o.deleted_at is null and o.pending is not null
            and p->>'inventory_item_id' in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(inventoryItemIds)]
      )
    )
    return rows.map((r: PendingUnits & { channel_order_id: string; status: string }) => ({ ...r, quantity: Number(r.quantity) }))
  }

  /** Staged orders with a line on one of these listings (or naming one of these SKUs on their channel). */
  async stagedWithListings(listingIds: string[]): Promise<string[]> {
    if (!listingIds.length) {
      return []
    }
    const rows = await this.repository.transaction((manager) =>
      manager.execute(
        `select distinct o.id from mkt_channel_order o
           join mkt_listing l on l.channel_id = o.channel_id and l.deleted_at is null
           cross join lateral jsonb_array_elements(o.lines) line
          where o.status = 'staged' and o.deleted_at is null
            and l.id in (select jsonb_array_elements_text(?::jsonb))
            and line->>'sku' = l.channel_sku`,
        [JSON.stringify(listingIds)]
      )
    )
    return rows.map((r: { id: string }) => r.id)
  }

  /**
   * Records a webhook event id; false when the channel delivered it before (the caller
   * acknowledges the delivery and does nothing).
   */
  async recordEvent(channelId: string, eventId: string, type: string): Promise<boolean> {
    const rows = await this.repository.transaction((manager) =>
      manager.execute(
        `insert into mkt_webhook_event (id, channel_id, event_id, type, created_at, updated_at)
         values (?, ?, ?, ?, now(), now())
         on conflict (channel_id, event_id) where deleted_at is null do nothing returning id`,
        [generateEntityId(undefined, "mwhe"), channelId, eventId, type]
      )
    )
    return rows.length > 0
  }

  /** Forgets an event whose handling failed, so the channel's retry is handled again. */
  async forgetEvent(channelId: string, eventId: string): Promise<void> {
    await this.repository.transaction((manager) =>
      manager.execute(`delete from mkt_webhook_event where channel_id = ? and event_id = ?`, [channelId, eventId])
    )
  }
}
