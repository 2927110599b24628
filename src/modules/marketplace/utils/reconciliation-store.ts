import { generateEntityId } from "@medusajs/framework/utils"
import type { Repository } from "./outbox"
import { bind } from "./sql"

/** A reconciliation row as the run computes it (ids and timestamps are added here). */
export type ReconciliationRowInput = {
  listing_id: string
  channel_location_id: string | null
  location_code: string | null
  location_external_id: string | null
  variant_id: string | null
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
  last_pushed_quantity: number | null
  drift: boolean
  status: string
  error_message: string | null
}

const INSERT_ROWS = `
INSERT INTO mkt_reconciliation_row (
  id, reconciliation_id, listing_id, channel_location_id, location_code, location_external_id,
  variant_id, variant_sku, product_title, channel_sku, channel_product_id, gtin, stocked, reserved,
  sellable, channel_quantity, delta, last_pushed_quantity, drift, status, error_message, created_at, updated_at)
SELECT x.id, :reconciliation_id, x.listing_id, x.channel_location_id, x.location_code,
  x.location_external_id, x.variant_id, x.variant_sku, x.product_title, x.channel_sku,
  x.channel_product_id, x.gtin, x.stocked, x.reserved, x.sellable, x.channel_quantity, x.delta,
  x.last_pushed_quantity, COALESCE(x.drift, false), x.status, x.error_message, now(), now()
FROM jsonb_to_recordset(:rows::jsonb) AS x(
  id text, listing_id text, channel_location_id text, location_code text, location_external_id text,
  variant_id text, variant_sku text, product_title text, channel_sku text, channel_product_id text,
  gtin text, stocked integer, reserved integer, sellable integer, channel_quantity integer,
  delta integer, last_pushed_quantity integer, drift boolean, status text, error_message text)`

/** Set-based writes of reconciliation runs: rows arrive by the thousand. */
export class ReconciliationStore {
  constructor(private readonly repository: Repository) {}

  /** Starts a pending run; false when another process started it first. */
  async claim(id: string): Promise<boolean> {
    const rows = await this.repository.transaction((manager) =>
      manager.execute(
        `update mkt_reconciliation set status = 'running', started_at = now(), updated_at = now()
          where id = ? and status = 'pending' and deleted_at is null returning id`,
        [id]
      )
    )
    return rows.length > 0
  }

  async insertRows(reconciliationId: string, rows: ReconciliationRowInput[]): Promise<void> {
    if (!rows.length) {
      return
    }
    const withIds = rows.map((row) => ({ ...row, id: generateEntityId(undefined, "mrrow") }))
    await this.repository.transaction((manager) =>
      manager.execute(...bind(INSERT_ROWS, { reconciliation_id: reconciliationId, rows: JSON.stringify(withIds) }))
    )
  }

  /**
   * Takes the channel's Force Reconcile slot if its cooldown has passed (atomic across
   * instances). Returns the previous start, to give back on failure, or `false` when cooling down.
   */
  async takeForceSlot(channelId: string): Promise<{ previous: Date | null } | false> {
    const rows: { previous: Date | null }[] = await this.repository.transaction((manager) =>
      manager.execute(
        `update mkt_channel c set last_force_reconciled_at = now()
           from (select id, last_force_reconciled_at as previous from mkt_channel where id = ? for update) p
          where c.id = p.id and c.deleted_at is null
            and (p.previous is null or p.previous <= now() - make_interval(mins => c.force_reconcile_cooldown_minutes))
          returning p.previous`,
        [channelId]
      )
    )
    return rows.length ? { previous: rows[0].previous } : false
  }

  async giveBackForceSlot(channelId: string, previous: Date | null): Promise<void> {
    await this.repository.transaction((manager) =>
      manager.execute(`update mkt_channel set last_force_reconciled_at = ? where id = ?`, [previous, channelId])
    )
  }

  /** Rows per status of one run. */
  async countRows(reconciliationId: string): Promise<Record<string, number>> {
    const rows: { status: string; count: number }[] = await this.repository.transaction((manager) =>
      manager.execute(
        `select status, count(*)::int as count from mkt_reconciliation_row
          where reconciliation_id = ? and deleted_at is null group by status
         union all
         select 'drift', count(*)::int from mkt_reconciliation_row
          where reconciliation_id = ? and deleted_at is null and drift`,
        [reconciliationId, reconciliationId]
      )
    )
    return Object.fromEntries(rows.filter((r) => r.status !== "drift" || r.count > 0).map((r) => [r.status, r.count]))
  }
}
