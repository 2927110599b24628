import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import ExcelJS from "exceljs"
import type { MarketplaceModuleService } from "../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"

type Query = { graph(input: { entity: string; fields: string[]; filters?: Record<string, unknown> }): Promise<{ data: any[] }> }

export type MatchFileRow = {
  /** 1-based line of the file (the header is line 1). */
  row: number
  channel_sku: string
  variant_sku: string
  status: "ok" | "unknown_sku" | "unknown_variant" | "duplicate" | "invalid"
  message: string | null
  listing_id: string | null
  variant_id: string | null
}

/** Most data rows one file may hold. */
export const MAX_MATCH_FILE_ROWS = 50_000

/**
 * Reads a bulk-match file: .xlsx (first sheet) or .csv, a header row naming `channel_sku` and
 * `variant_sku` (or `sku`), one match per row.
 */
export async function readMatchFile(filename: string, content: Buffer): Promise<{ row: number; channel_sku: string; variant_sku: string }[]> {
  const table = /\.xlsx$/i.test(filename) ? await readXlsx(content) : /\.csv$/i.test(filename) ? parseCsv(content.toString("utf8").replace(/^\uFEFF/, "")) : null
  if (!table) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `filename: "${filename}" is neither .xlsx nor .csv`)
  }
  const [header, ...rows] = table
  const names = (header ?? []).map((h) => h.trim().toLowerCase())
  const skuColumn = names.indexOf("channel_sku")
  const variantColumn = names.indexOf("variant_sku") >= 0 ? names.indexOf("variant_sku") : names.indexOf("sku")
  if (skuColumn < 0 || variantColumn < 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "file: the header row must name the columns channel_sku and variant_sku")
  }
  if (rows.length > MAX_MATCH_FILE_ROWS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `file: at most ${MAX_MATCH_FILE_ROWS} rows, got ${rows.length}`)
  }
  return rows
    .map((cells, i) => ({ row: i + 2, channel_sku: (cells[skuColumn] ?? "").trim(), variant_sku: (cells[variantColumn] ?? "").trim() }))
    .filter((r) => r.channel_sku || r.variant_sku)
}

/**
 * Checks every row before anything is applied: the channel SKU must be a listing of the channel,
 * the variant SKU a variant, and a channel SKU may appear once.
 */
export async function validateMatchRows(
  container: MedusaContainer,
  channelId: string,
  rows: { row: number; channel_sku: string; variant_sku: string }[]
): Promise<MatchFileRow[]> {
  const marketplace = container.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const skus = [...new Set(rows.map((r) => r.channel_sku).filter(Boolean))]
  const variantSkus = [...new Set(rows.map((r) => r.variant_sku).filter(Boolean))]
  const listings = skus.length ? await marketplace.listListings({ channel_id: channelId, channel_sku: skus }, { select: ["id", "channel_sku"] }) : []
  const { data: variants } = variantSkus.length
    ? await query.graph({ entity: "product_variant", fields: ["id", "sku"], filters: { sku: variantSkus } })
    : { data: [] }
  const listingBySku = new Map(listings.map((l) => [l.channel_sku, l.id]))
  const variantBySku = new Map(variants.map((v: { id: string; sku: string }) => [v.sku, v.id]))
  const count = new Map<string, number>()
  rows.forEach((r) => count.set(r.channel_sku, (count.get(r.channel_sku) ?? 0) + 1))
  return rows.map((r) => {
    const base = { ...r, listing_id: listingBySku.get(r.channel_sku) ?? null, variant_id: (variantBySku.get(r.variant_sku) as string | undefined) ?? null }
    if (!r.channel_sku || !r.variant_sku) {
      return { ...base, status: "invalid" as const, message: `${!r.channel_sku ? "channel_sku" : "variant_sku"} is empty` }
    }
    if ((count.get(r.channel_sku) ?? 0) > 1) {
      return { ...base, status: "duplicate" as const, message: `channel_sku ${r.channel_sku} appears ${count.get(r.channel_sku)} times in the file` }
    }
    if (!base.listing_id) {
      return { ...base, status: "unknown_sku" as const, message: `No listing with channel SKU ${r.channel_sku} on this channel` }
    }
    if (!base.variant_id) {
      return { ...base, status: "unknown_variant" as const, message: `No variant with SKU ${r.variant_sku}` }
    }
    return { ...base, status: "ok" as const, message: null }
  })
}

/** The rows that cannot be applied, as a CSV an admin downloads and fixes. */
export function badRowsCsv(rows: MatchFileRow[]): string {
  const quote = (value: string | number | null) => {
    const text = String(value ?? "")
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [["row", "channel_sku", "variant_sku", "status", "message"].join(",")]
  for (const r of rows.filter((r) => r.status !== "ok")) {
    lines.push([r.row, r.channel_sku, r.variant_sku, r.status, r.message].map(quote).join(","))
  }
  return lines.join("\r\n") + "\r\n"
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as never)
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `file: not a readable .xlsx workbook (${(error as Error).message})`)
  }
  const sheet = workbook.worksheets[0]
  const table: string[][] = []
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text ?? ""
    })
    table.push(Array.from(cells, (c) => c ?? ""))
  })
  return table
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a comma or semicolon separator (sniffed from the header). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ""
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ","
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"' && field === "") {
      quoted = true
    } else if (ch === separator) {
      row.push(field)
      field = ""
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++
      row.push(field)
      rows.push(row)
      row = []
      field = ""
    } else {
      field += ch
    }
  }
  if (field !== "" || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""))
}
