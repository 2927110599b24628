import type { SandboxStore } from "./store"

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/** The page a person watching the demo keeps open: every account's stock, refreshed each second. */
export function renderStockPage(store: SandboxStore, maxBatch: number): string {
  const sections = [...store.accounts.values()].map((account) => {
    const locations = [...account.locations.values()]
    const header = locations.map((l) => `<th>${escape(l.code)}</th>`).join("")
    const rows = [...account.listings.values()]
      .sort((a, b) => a.sku.localeCompare(b.sku))
      .map((listing) => {
        const cells = locations
          .map((l) => {
            const cell = listing.stock.get(l.code)
            return `<td class="qty" data-sku="${escape(listing.sku)}" data-location="${escape(l.code)}">${
              cell ? cell.quantity : "–"
            }</td>`
          })
          .join("")
        const updated = [...listing.stock.values()].map((c) => c.updated_at).sort().pop() ?? ""
        return `<tr><td>${escape(listing.sku)}</td><td>${escape(listing.product_id)}</td><td>${escape(
          listing.title ?? ""
        )}</td><td>${escape(listing.status)}</td>${cells}<td class="muted">${escape(updated)}</td></tr>`
      })
      .join("")
    return `<section><h2>${escape(account.name)}</h2>
<table><thead><tr><th>SKU</th><th>Product id</th><th>Title</th><th>Status</th>${header}<th>Updated</th></tr></thead>
<tbody>${rows || `<tr><td colspan="${5 + locations.length}" class="muted">No listings yet</td></tr>`}</tbody></table>
<p class="muted">${account.orders.length} marketplace order(s) in the feed</p></section>`
  })
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox marketplace</title>
<meta http-equiv="refresh" content="1">
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#18181b}table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #e4e4e7;padding:.35rem .75rem;text-align:left}td.qty{font-variant-numeric:tabular-nums;font-weight:600}
.muted{color:#71717a;font-size:12px}</style></head>
<body><h1>Sandbox marketplace</h1><p class="muted">Stock as the marketplace shows it to buyers. Refreshes every second. Batch limit ${maxBatch} updates per call.</p>
${sections.join("\n") || "<p>No seller accounts.</p>"}</body></html>`
}
