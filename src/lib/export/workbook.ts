import ExcelJS from "exceljs"
import type { Writable } from "node:stream"

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

export type SheetSpec<T> = {
  name: string
  columns: Partial<ExcelJS.Column>[]
  toCells: (row: T) => Record<string, unknown>
}

/**
 * Writes an .xlsx into `output`, row by row: only the page being read is in memory, whatever the
 * number of rows. A second sheet, "Filter", says what was exported. Returns the data rows written.
 */
export async function writeWorkbook<T>(input: {
  output: Writable
  sheet: SheetSpec<T>
  pages: AsyncIterable<T[]>
  /** Shown on the second sheet: what was exported and when. */
  description: [string, string][]
}): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: input.output,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = "medusa-marketplace-sync"
  const sheet = workbook.addWorksheet(input.sheet.name, { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = input.sheet.columns
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()

  let count = 0
  for await (const page of input.pages) {
    for (const row of page) {
      sheet.addRow(input.sheet.toCells(row)).commit()
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

