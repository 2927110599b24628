import { generateEntityId } from "@medusajs/framework/utils"
import type { Repository } from "./outbox"
import { bind } from "./sql"

export type CatalogueRow = {
  sku: string
  channel_product_id: string | null
  title: string | null
  gtin: string | null
  status: string | null
}

/** A listing as the matcher reads it. */
export type MatchCandidate = {
  id: string
  channel_sku: string
  channel_product_id: string | null
  gtin: string | null
  variant_id: string | null
}

export type MatchDecision = { id: string; variant_id: string | null; suggestion: unknown | null }

const SKU_MISMATCH_NOTE = "The channel SKU matches no variant: stock updates stay off until it is matched"

/**
 * Upserts one page of the channel's catalogue into listings by channel SKU: new ones arrive
 * unmatched with stock updates off ("SKU mismatch"); existing ones take the channel's product
 * id, title, GTIN and status. Returns every listing of the page.
 */
const UPSERT_CATALOGUE = `
INSERT INTO mkt_listing (id, channel_id, channel_sku, channel_product_id, title, gtin, channel_status,
  pack_size, sync_enabled, disabled_reason, disabled_note, created_at, updated_at)
SELECT x.id, :channel_id, x.sku, x.channel_product_id, x.title, x.gtin, x.status,
  1, false, 'sku_mismatch', :note, now(), now()
FROM jsonb_to_recordset(:rows::jsonb) AS x(id text, sku text, channel_product_id text, title text, gtin text, status text)
ON CONFLICT (channel_id, channel_sku) WHERE deleted_at IS NULL DO UPDATE SET
  channel_product_id = COALESCE(excluded.channel_product_id, mkt_listing.channel_product_id),
  title = COALESCE(excluded.title, mkt_listing.title),
  gtin = COALESCE(excluded.gtin, mkt_listing.gtin),
  channel_status = excluded.channel_status,
  updated_at = now()
RETURNING id, channel_sku, channel_product_id, gtin, variant_id, (xmax = 0) AS inserted`

/**
 * The matcher's verdicts: a variant (applied, full confidence) or a suggestion (kept for a
 * person), then every touched listing's "Disable Stock Update" from the rules: a manual switch
 * stays; otherwise the channel's status (banned, promo-locked, inactive or archived) wins, then
 * no match ("SKU mismatch"), else on. Returns the listings that were matched or turned on.
 */
const APPLY_MATCHES = `
WITH decided AS (
  UPDATE mkt_listing l SET
    variant_id = COALESCE(d.variant_id, l.variant_id),
    match_suggestion = CASE WHEN d.variant_id IS NOT NULL THEN NULL ELSE d.suggestion END,
    updated_at = now()
  FROM jsonb_to_recordset(:decisions::jsonb) AS d(id text, variant_id text, suggestion jsonb)
  WHERE l.id = d.id AND l.channel_id = :channel_id AND l.deleted_at IS NULL
  RETURNING l.id
)
SELECT count(*)::int AS decided FROM decided`

const REFRESH_DISABLED = `
WITH rule AS (
  SELECT l.id, l.sync_enabled AS was_enabled,
    CASE l.channel_status
      WHEN 'banned' THEN 'channel_banned'
      WHEN 'promo_locked' THEN 'promo_locked'
      WHEN 'inactive' THEN 'channel_inactive'
      WHEN 'archived' THEN 'channel_inactive'
      ELSE CASE WHEN l.variant_id IS NULL THEN 'sku_mismatch' END
    END AS reason
  FROM mkt_listing l
  WHERE l.id IN (SELECT jsonb_array_elements_text(:ids::jsonb)) AND l.deleted_at IS NULL
    AND (l.sync_enabled OR l.disabled_reason IN ('sku_mismatch', 'channel_inactive', 'channel_banned', 'promo_locked'))
)
UPDATE mkt_listing l SET
  sync_enabled = rule.reason IS NULL,
  disabled_reason = rule.reason,
  disabled_note = CASE rule.reason
    WHEN 'sku_mismatch' THEN :note
    WHEN 'channel_banned' THEN 'The channel took this listing down'
    WHEN 'promo_locked' THEN 'A promotion on the channel locks its quantity'
    WHEN 'channel_inactive' THEN 'The channel reports this listing inactive or archived'
  END,
  updated_at = now()
FROM rule WHERE l.id = rule.id
  AND (l.sync_enabled IS DISTINCT FROM (rule.reason IS NULL) OR l.disabled_reason IS DISTINCT FROM rule.reason)
RETURNING l.id, l.sync_enabled, rule.was_enabled`

/** Set-based writes of catalogue import and matching: catalogues arrive by the hundred thousand. */
export class ListingMatchStore {
  constructor(private readonly repository: Repository) {}

  async upsertCatalogue(channelId: string, rows: CatalogueRow[]): Promise<(MatchCandidate & { inserted: boolean })[]> {
    if (!rows.length) {
      return []
    }
    const unique = [...new Map(rows.map((r) => [r.sku, r])).values()]
    return this.repository.transaction((manager) =>
      manager.execute(
        ...bind(UPSERT_CATALOGUE, {
          channel_id: channelId,
          note: SKU_MISMATCH_NOTE,
          rows: JSON.stringify(unique.map((r) => ({ ...r, id: generateEntityId(undefined, "mlst") }))),
        })
      )
    )
  }

  /** Unmatched listings of a channel (all, or these), a page at a time by id. */
  async unmatched(channelId: string, after: string | null, limit: number, ids?: string[]): Promise<MatchCandidate[]> {
    return this.repository.transaction((manager) =>
      manager.execute(
        `select id, channel_sku, channel_product_id, gtin, variant_id from mkt_listing
          where channel_id = ? and variant_id is null and deleted_at is null and id > ?
            ${ids ? "and id in (select jsonb_array_elements_text(?::jsonb))" : ""}
          order by id limit ?`,
        [channelId, after ?? "", ...(ids ? [JSON.stringify(ids)] : []), limit]
      )
    )
  }

  /** Channel product ids already matched on this channel, with their variant. */
  async mappedProductIds(channelId: string): Promise<Map<string, string>> {
    const rows: { channel_product_id: string; variant_id: string }[] = await this.repository.transaction((manager) =>
      manager.execute(
        `select distinct on (channel_product_id) channel_product_id, variant_id from mkt_listing
          where channel_id = ? and variant_id is not null and channel_product_id is not null and deleted_at is null
          order by channel_product_id, updated_at desc`,
        [channelId]
      )
    )
    return new Map(rows.map((r) => [r.channel_product_id, r.variant_id]))
  }

  async applyMatches(channelId: string, decisions: MatchDecision[]): Promise<void> {
    if (decisions.length) {
      await this.repository.transaction((manager) =>
        manager.execute(...bind(APPLY_MATCHES, { channel_id: channelId, decisions: JSON.stringify(decisions) }))
      )
    }
  }

  /** Re-derives "Disable Stock Update" of these listings; returns those turned on. */
  async refreshDisabled(ids: string[]): Promise<string[]> {
    if (!ids.length) {
      return []
    }
    const rows: { id: string; sync_enabled: boolean; was_enabled: boolean }[] = await this.repository.transaction((manager) =>
      manager.execute(...bind(REFRESH_DISABLED, { ids: JSON.stringify(ids), note: SKU_MISMATCH_NOTE }))
    )
    return rows.filter((r) => r.sync_enabled && !r.was_enabled).map((r) => r.id)
  }
}
