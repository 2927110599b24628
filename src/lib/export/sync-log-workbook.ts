import type ExcelJS from "exceljs"
import type { QuantityBreakdown } from "../quantity"
import type { SheetSpec } from "./workbook"

/** A sync record as the export reads it (only the columns the sheet shows). */
export type SyncLogExportRow = {
  id: string
  created_at: Date | string
  completed_at: Date | string | null
  status: string
  channel_id: string
  variant_sku: string | null
  channel_sku: string
  channel_product_id: string | null
  location_code: string | null
  quantity: number
  breakdown: Partial<QuantityBreakdown> | null
  trigger_event: string
  trigger_id: string | null
  attempts: number
  error_code: string | null
  error_message: string | null
}

const STATUS_LABELS: Record<string, string> = {
  in_process: "In Process",
  submitted: "Submitted",
  success: "Success",
  error: "Error",
}

const DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"

const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: "Date", key: "created_at", width: 20, style: { numFmt: DATE_FORMAT } },
  { header: "Status", key: "status", width: 12 },
  { header: "Channel", key: "channel", width: 22 },
  { header: "SKU", key: "variant_sku", width: 20 },
  { header: "Channel SKU", key: "channel_sku", width: 20 },
  { header: "Channel product id", key: "channel_product_id", width: 20 },
  { header: "Location", key: "location_code", width: 12 },
  { header: "Quantity", key: "quantity", width: 10 },
  { header: "Sellable units", key: "units", width: 14 },
  { header: "Pack size", key: "pack_size", width: 10 },
  { header: "Allocation %", key: "allocation_percentage", width: 12 },
  { header: "Buffer", key: "buffer", width: 8 },
  { header: "Mode", key: "mode", width: 12 },
  { header: "Trigger", key: "trigger_event", width: 26 },
  { header: "Trigger id", key: "trigger_id", width: 30 },
  { header: "Attempts", key: "attempts", width: 9 },
  { header: "Error code", key: "error_code", width: 14 },
  { header: "Error", key: "error_message", width: 50 },
  { header: "Completed", key: "completed_at", width: 20, style: { numFmt: DATE_FORMAT } },
  { header: "Sync record id", key: "id", width: 34 },
]

export const SYNC_LOG_EXPORT_HEADERS = COLUMNS.map((c) => c.header as string)

/** The "Sync Log" sheet; channel ids are shown by name. */
export function syncLogSheet(channelNames: Map<string, string>): SheetSpec<SyncLogExportRow> {
  return { name: "Sync Log", columns: COLUMNS, toCells: (row) => toCells(row, channelNames) }
}

function toCells(row: SyncLogExportRow, channelNames: Map<string, string>) {
  const breakdown = row.breakdown ?? {}
  return {
    id: row.id,
    created_at: new Date(row.created_at),
    status: STATUS_LABELS[row.status] ?? row.status,
    channel: channelNames.get(row.channel_id) ?? row.channel_id,
    variant_sku: row.variant_sku ?? "",
    channel_sku: row.channel_sku,
    channel_product_id: row.channel_product_id ?? "",
    location_code: row.location_code ?? "All",
    quantity: row.quantity,
    units: breakdown.units ?? null,
    pack_size: breakdown.pack_size ?? null,
    allocation_percentage: breakdown.rules?.allocation_percentage ?? null,
    buffer: breakdown.rules?.buffer ?? null,
    mode: breakdown.mode ?? "",
    trigger_event: row.trigger_event,
    trigger_id: row.trigger_id ?? "",
    attempts: row.attempts,
    error_code: row.error_code ?? "",
    error_message: row.error_message ?? "",
    completed_at: row.completed_at ? new Date(row.completed_at) : null,
  }
}
