import ExcelJS from "exceljs"
import type { Writable } from "node:stream"
import type { QuantityBreakdown } from "../quantity"

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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

/**
 * Writes the Sync Log as an .xlsx into `output`, row by row: only the page being read is in
 * memory, whatever the number of rows. Returns the number of data rows written.
 */
export async function writeSyncLogWorkbook(input: {
  output: Writable
  pages: AsyncIterable<SyncLogExportRow[]>
  channelNames: Map<string, string>
  /** Shown on the second sheet: what was exported and when. */
  description: [string, string][]
}): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: input.output,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = "medusa-marketplace-sync"
  const sheet = workbook.addWorksheet("Sync Log", { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = COLUMNS
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()

  let count = 0
  for await (const page of input.pages) {
    for (const row of page) {
      sheet.addRow(toCells(row, input.channelNames)).commit()
      count++
    }
    await drained(sheet)
  }
  sheet.commit()

  const about = workbook.addWorksheet("Filter")
  about.columns = [
    { header: "Field", key: "field", width: 22 },
    { header: "Value", key: "value", width: 60 },
  ]
  for (const [field, value] of [...input.description, ["Rows", String(count)] as [string, string]]) {
    about.addRow({ field, value }).commit()
  }
  about.commit()
  await workbook.commit()
  return count
}

/** Above this many bytes waiting to be compressed, the writer pauses until the zip catches up. */
const HIGH_WATER_BYTES = 4 * 1024 * 1024

type Pipe = NodeJS.EventEmitter & { _writableState?: { length: number } }

/**
 * exceljs 4.4's streaming writer ignores backpressure: each committed row goes into the zip's
 * input stream whether or not the compressor keeps up, so a fast reader buffers the whole sheet
 * (bench:export saw 36 MB queued after 50k rows). Between pages this waits for that queue to
 * drain. It reads exceljs's internal stream; if a later version changes that, rows are still
 * written, only without the pause.
 */
async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = ((sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? []) as Pipe[]
  for (const pipe of pipes) {
    if ((pipe._writableState?.length ?? 0) > HIGH_WATER_BYTES) {
      await drainOrEnd(pipe)
    }
  }
}

/** Resolves on 'drain', or on 'close' / 'error' (the pipeline reports those itself). */
function drainOrEnd(pipe: Pipe): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) {
        pipe.off(event, done)
      }
      resolve()
    }
    for (const event of ["drain", "close", "error"]) {
      pipe.on(event, done)
    }
  })
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
