import type ExcelJS from "exceljs"
import type { SheetSpec } from "./workbook"

/** A reconciliation row as the export reads it. */
export type ReconciliationExportRow = {
  id: string
  product_title: string | null
  variant_sku: string | null
  channel_sku: string
  channel_product_id: string | null
  gtin: string | null
  location_code: string | null
  location_external_id: string | null
  stocked: number | null
  sellable: number | null
  reserved: number | null
  channel_quantity: number | null
  delta: number | null
  status: string
  error_message: string | null
  created_at: Date | string
}

const STATUS_LABELS: Record<string, string> = {
  match: "Match",
  mismatch: "Mismatch",
  missing: "Missing on channel",
  not_matched: "Not matched",
  disabled: "Disabled",
  error: "Error",
}

const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: "Product", key: "product_title", width: 34 },
  { header: "SKU", key: "variant_sku", width: 18 },
  { header: "Channel SKU", key: "channel_sku", width: 18 },
  { header: "Channel product id", key: "channel_product_id", width: 20 },
  { header: "GTIN", key: "gtin", width: 16 },
  { header: "Location", key: "location_code", width: 12 },
  { header: "Channel location id", key: "location_external_id", width: 18 },
  { header: "Total (stocked)", key: "stocked", width: 14 },
  { header: "Sellable", key: "sellable", width: 10 },
  { header: "Committed (reserved)", key: "reserved", width: 18 },
  { header: "Channel quantity", key: "channel_quantity", width: 16 },
  { header: "Delta", key: "delta", width: 8 },
  { header: "Status", key: "status", width: 18 },
  { header: "Error", key: "error_message", width: 40 },
  { header: "Reconciled", key: "created_at", width: 20, style: { numFmt: "yyyy-mm-dd hh:mm:ss" } },
]

export const RECONCILIATION_EXPORT_HEADERS = COLUMNS.map((c) => c.header as string)

export const reconciliationSheet: SheetSpec<ReconciliationExportRow> = {
  name: "Reconciliation",
  columns: COLUMNS,
  toCells: (row) => ({
    product_title: row.product_title ?? "",
    variant_sku: row.variant_sku ?? "",
    channel_sku: row.channel_sku,
    channel_product_id: row.channel_product_id ?? "",
    gtin: row.gtin ?? "",
    location_code: row.location_code ?? "All",
    location_external_id: row.location_external_id ?? "",
    stocked: row.stocked,
    sellable: row.sellable,
    reserved: row.reserved,
    channel_quantity: row.channel_quantity,
    delta: row.delta,
    status: STATUS_LABELS[row.status] ?? row.status,
    error_message: row.error_message ?? "",
    created_at: new Date(row.created_at),
  }),
}
