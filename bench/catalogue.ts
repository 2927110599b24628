import type { Harness } from "./harness"

export type BenchSku = { sku: string; variant_id: string; inventory_item_id: string; listing_id: string }

/**
 * Adds `count` single-variant products through the admin API, stocks them at the east warehouse,
 * lists them on the demo's per-location EU channel (and on the sandbox marketplace).
 */
export async function addCatalogue(h: Harness, count: number, stock = 20): Promise<BenchSku[]> {
  const [east] = await h.sql(`SELECT id FROM stock_location WHERE name = 'East warehouse'`)
  const [channel] = await h.sql(`SELECT id FROM mkt_channel WHERE code = 'sandbox-eu'`)
  const [{ id: profileId }] = await h.sql(`SELECT id FROM shipping_profile LIMIT 1`)
  const account = h.store.accounts.get("demo-eu-api-key-0001")!
  const skus: BenchSku[] = []
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => `BENCH-${String(start + i).padStart(5, "0")}`)
    await Promise.all(
      batch.map((sku) =>
        h.admin("POST", "/admin/products", {
          title: `Bench ${sku}`,
          shipping_profile_id: profileId,
          options: [{ title: "Size", values: ["One"] }],
          variants: [{ title: "One", sku, options: { Size: "One" }, prices: [{ amount: 10, currency_code: "eur" }] }],
        })
      )
    )
    const rows = await h.sql<{ sku: string; variant_id: string; inventory_item_id: string }>(
      `SELECT v.sku, v.id AS variant_id, l.inventory_item_id FROM product_variant v
       JOIN product_variant_inventory_item l ON l.variant_id = v.id AND l.deleted_at IS NULL
       WHERE v.sku = ANY($1)`,
      [batch]
    )
    await Promise.all(
      rows.map((row) => h.admin("POST", `/admin/inventory-items/${row.inventory_item_id}/location-levels`, { location_id: east.id, stocked_quantity: stock }))
    )
    rows.forEach((row) => h.store.upsertListing(account, { sku: `EU-${row.sku}` }))
    const { listings } = await h.admin("POST", "/admin/marketplace/listings/batch", {
      listings: rows.map((row) => ({ channel_id: channel.id, channel_sku: `EU-${row.sku}`, variant_id: row.variant_id })),
    })
    const listingBySku = new Map<string, string>(listings.map((l: { channel_sku: string; id: string }) => [l.channel_sku, l.id]))
    rows.forEach((row) => skus.push({ ...row, listing_id: listingBySku.get(`EU-${row.sku}`)! }))
  }
  return skus
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
