/** Which rows of a run a page or an export covers. */
export type ReconciliationSelection = {
  reconciliation_id: string
  status?: string[]
  channel_location_id?: string
  /** Channel SKU, variant SKU or product title, case-insensitive substring. */
  q?: string
}

export function reconciliationRowFilters(selection: ReconciliationSelection): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ reconciliation_id: selection.reconciliation_id }]
  if (selection.status?.length) {
    and.push({ status: selection.status })
  }
  if (selection.channel_location_id) {
    and.push({ channel_location_id: selection.channel_location_id })
  }
  if (selection.q) {
    const like = { $ilike: `%${selection.q}%` }
    and.push({ $or: [{ channel_sku: like }, { variant_sku: like }, { product_title: like }] })
  }
  return { $and: and }
}
