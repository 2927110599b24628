import { Button, Container, Table, Tabs } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { useSyncLogs } from "../../hooks/use-sync-logs"
import { EMPTY_SYNC_LOG_FILTER, type SyncLogFilterDraft, toSyncLogFilter } from "../../lib/sync-log-filter"
import type { SyncLog, SyncLogView, SyncStatus } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ExportButton } from "./export-button"
import { ForcePushActions } from "./force-push-actions"
import { SyncLogDrawer } from "./sync-log-drawer"
import { SyncLogFilters } from "./sync-log-filters"
import { SyncLogTable } from "./sync-log-table"
import { SyncStatusFilter } from "./sync-status-filter"

const PAGE_SIZE = 50

export const SyncLogSection = () => {
  const [view, setView] = useState<SyncLogView>("normal")
  const [statuses, setStatuses] = useState<SyncStatus[]>([])
  const [draft, setDraft] = useState<SyncLogFilterDraft>(EMPTY_SYNC_LOG_FILTER)
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [opened, setOpened] = useState<SyncLog | null>(null)

  const q = useDebouncedValue(draft.q)
  const filter = useMemo(() => toSyncLogFilter({ ...draft, q }), [draft, q])
  const { data, isPending, isError, error, refetch } = useSyncLogs({
    ...filter,
    view,
    status: statuses.length ? statuses : undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })

  // Any change of what is listed starts over on the first page with nothing ticked.
  const restart = () => {
    setPageIndex(0)
    setSelected(new Set())
  }
  const logs = data?.sync_logs ?? []
  const selectedLogs = logs.filter((log) => selected.has(log.id))
  // The drawer follows the polled row; a row that left the view keeps its last known state.
  const openedLog = opened ? logs.find((log) => log.id === opened.id) ?? opened : null
  const pageCount = Math.max(1, Math.ceil((data?.count ?? 0) / PAGE_SIZE))
  const filtered = statuses.length > 0 || Object.keys(filter).length > 0

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Sync Log"
        level="h1"
        description="Every quantity pushed to a channel: what was sent, why, and how the channel answered."
        actions={
          <>
            <ForcePushActions
              selected={selectedLogs}
              filter={filter}
              errorCount={data?.status_counts.error ?? 0}
              archiveView={view === "archive"}
              onDone={() => setSelected(new Set())}
            />
            <ExportButton filter={filter} view={view} statuses={statuses} />
            <Button size="small" variant="transparent" asChild>
              <Link to="/marketplaces/exports">Export History</Link>
            </Button>
          </>
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <Tabs
          value={view}
          onValueChange={(next) => {
            setView(next as SyncLogView)
            restart()
          }}
        >
          <Tabs.List aria-label="View">
            <Tabs.Trigger value="normal">Normal</Tabs.Trigger>
            <Tabs.Trigger value="archive">Archive</Tabs.Trigger>
          </Tabs.List>
        </Tabs>
        <SyncStatusFilter
          selected={statuses}
          counts={data?.status_counts}
          onChange={(next) => {
            setStatuses(next)
            restart()
          }}
        />
      </div>
      <SyncLogFilters
        draft={draft}
        onChange={(next) => {
          setDraft(next)
          restart()
        }}
      />
      {isPending ? (
        <SectionLoading rows={6} />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !logs.length ? (
        <SectionEmpty>{emptyText(view, filtered)}</SectionEmpty>
      ) : (
        <div>
          <SyncLogTable logs={logs} selected={selected} onSelectedChange={setSelected} onOpen={setOpened} />
          <Table.Pagination
            count={data.count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => {
              setPageIndex((index) => Math.max(0, index - 1))
              setSelected(new Set())
            }}
            nextPage={() => {
              setPageIndex((index) => index + 1)
              setSelected(new Set())
            }}
          />
        </div>
      )}
      <SyncLogDrawer log={openedLog} onClose={() => setOpened(null)} />
    </Container>
  )
}

function emptyText(view: SyncLogView, filtered: boolean): string {
  if (filtered) {
    return "No sync log rows match the filters."
  }
  return view === "archive"
    ? "The archive is empty."
    : "Nothing in process, submitted or failed, and no successful pushes in the last 24 hours."
}
