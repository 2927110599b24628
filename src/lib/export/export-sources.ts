import type { MarketplaceModuleService } from "../../modules/marketplace"
import { type ReconciliationSelection, reconciliationRowFilters } from "../reconcile/filters"
import { type SyncLogSelection, syncLogSelector } from "../sync-log/filters"
import { type ReconciliationExportRow, reconciliationSheet } from "./reconciliation-workbook"
import { type SyncLogExportRow, syncLogSheet } from "./sync-log-workbook"
import type { SheetSpec } from "./workbook"

/** Rows read per query; only one page is held in memory at a time. */
export const EXPORT_PAGE_SIZE = 1000

const SYNC_LOG_COLUMNS = [
  "id", "created_at", "completed_at", "status", "channel_id", "variant_sku", "channel_sku", "channel_product_id",
  "location_code", "quantity", "breakdown", "trigger_event", "trigger_id", "attempts", "error_code", "error_message",
]

const RECONCILIATION_COLUMNS = [
  "id", "product_title", "variant_sku", "channel_sku", "channel_product_id", "gtin", "location_code",
  "location_external_id", "stocked", "sellable", "reserved", "channel_quantity", "delta", "status", "error_message", "created_at",
]

/** What one kind of export writes: its sheet, its rows page by page, and the "Filter" sheet. */
export type ExportSource<T> = {
  sheet: SheetSpec<T>
  pages: AsyncIterable<T[]>
  description: [string, string][]
}

type Job = { kind: string; filter: Record<string, unknown>; created_at: Date | string }

export async function exportSource(service: MarketplaceModuleService, job: Job): Promise<ExportSource<any>> {
  const channels = await service.listChannels({}, { select: ["id", "name"], withDeleted: true })
  const channelNames = new Map(channels.map((c) => [c.id, c.name]))
  const requested: [string, string] = ["Requested at", new Date(job.created_at).toISOString()]
  if (job.kind === "reconciliation") {
    const selection = job.filter as unknown as ReconciliationSelection
    const run = await service.retrieveReconciliation(selection.reconciliation_id)
    return {
      sheet: reconciliationSheet,
      pages: keysetPages<ReconciliationExportRow>((filters, take) =>
        service.listReconciliationRows(filters, { select: RECONCILIATION_COLUMNS, order: { id: "ASC" }, take }) as never,
        reconciliationRowFilters(selection),
        "ASC"
      ),
      description: [
        ["Export", "Reconciliation"],
        requested,
        ["Channel", channelNames.get(run.channel_id) ?? run.channel_id],
        ["Run", run.id],
        ["Reconciled at", run.started_at ? new Date(run.started_at).toISOString() : ""],
        ["Status", selection.status?.length ? selection.status.join(", ") : "All"],
        ["Location", selection.channel_location_id ?? "All"],
        ["Search", selection.q ?? ""],
      ],
    }
  }
  const selection = job.filter as SyncLogSelection
  return {
    sheet: syncLogSheet(channelNames),
    // Newest first by id (ids grow with time).
    pages: keysetPages<SyncLogExportRow>(
      (filters, take) => service.listSyncRecords(filters, { select: SYNC_LOG_COLUMNS, order: { id: "DESC" }, take }) as never,
      syncLogSelector(selection, new Date(job.created_at).getTime()),
      "DESC"
    ),
    description: [
      ["Export", "Sync Log"],
      requested,
      ["View", selection.view === "archive" ? "Archive" : "Normal"],
      ["Status", selection.status?.length ? selection.status.join(", ") : "All"],
      ["Channel", selection.channel_id ? channelNames.get(selection.channel_id) ?? selection.channel_id : "All"],
      ["SKU contains", selection.q ?? ""],
      ["From", selection.created_from ?? ""],
      ["To", selection.created_to ?? ""],
    ],
  }
}

/** Keyset pages by id: no page costs more than the first, whatever the number of rows. */
async function* keysetPages<T extends { id: string }>(
  list: (filters: Record<string, unknown>, take: number) => Promise<T[]>,
  selector: Record<string, unknown>,
  direction: "ASC" | "DESC"
): AsyncGenerator<T[]> {
  let after: string | null = null
  for (;;) {
    const cursor = direction === "ASC" ? { $gt: after } : { $lt: after }
    const rows = await list(after ? { $and: [selector, { id: cursor }] } : selector, EXPORT_PAGE_SIZE)
    if (rows.length) {
      yield rows
    }
    if (rows.length < EXPORT_PAGE_SIZE) {
      return
    }
    after = rows[rows.length - 1].id
  }
}
