import { Container, Table, toast } from "@medusajs/ui"
import { useState } from "react"
import { useChannels } from "../../hooks/use-channels"
import { useGenerateReconciliation, useLatestReconciliation, useReconciliation } from "../../hooks/use-reconciliations"
import { errorMessage } from "../../lib/errors"
import type { ReconciliationRowStatus } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ReconciliationActions } from "./reconciliation-actions"
import { ReconciliationFilters } from "./reconciliation-filters"
import { ReconciliationStatusFilter } from "./reconciliation-status-filter"
import { ReconciliationSummary } from "./reconciliation-summary"
import { ReconciliationTable } from "./reconciliation-table"

const PAGE_SIZE = 50

export const ReconciliationSection = () => {
  const [channelId, setChannelId] = useState<string | null>(null)
  const [locationIds, setLocationIds] = useState<string[]>([])
  const [statuses, setStatuses] = useState<ReconciliationRowStatus[]>([])
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())

  const channels = useChannels({ limit: 200, offset: 0 })
  const channelName = channels.data?.channels.find((c) => c.id === channelId)?.name ?? "the channel"
  const latest = useLatestReconciliation(channelId)
  const runId = latest.data?.id ?? null
  const detail = useReconciliation(runId, { status: statuses, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  const generate = useGenerateReconciliation()

  const restart = () => {
    setPageIndex(0)
    setSelected(new Set())
  }
  const start = () =>
    channelId &&
    generate.mutate(
      { channel_id: channelId, ...(locationIds.length ? { location_ids: locationIds } : {}) },
      { onSuccess: restart, onError: (error) => toast.error(errorMessage(error, "The run could not be started")) }
    )
  const run = detail.data?.reconciliation
  const rows = detail.data?.rows ?? []
  const pageCount = Math.max(1, Math.ceil((detail.data?.count ?? 0) / PAGE_SIZE))

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Reconciliation"
        level="h1"
        description="What each channel shows against what we can sell, per location."
        actions={
          <ReconciliationActions
            channelId={channelId}
            channelName={channelName}
            locationIds={locationIds}
            runId={runId}
            statuses={statuses}
            selectedIds={[...selected]}
            onDone={() => setSelected(new Set())}
          />
        }
      />
      <ReconciliationFilters
        channelId={channelId}
        locationIds={locationIds}
        onChannelChange={(id) => {
          setChannelId(id)
          setLocationIds([])
          restart()
        }}
        onLocationsChange={setLocationIds}
        onGenerate={start}
        generating={generate.isPending}
      />
      {!channelId ? (
        <SectionEmpty>Choose a channel, then Generate.</SectionEmpty>
      ) : latest.isPending || (runId && detail.isPending) ? (
        <SectionLoading rows={4} />
      ) : latest.isError || detail.isError ? (
        <SectionError error={latest.error ?? detail.error} onRetry={() => (latest.isError ? latest.refetch() : detail.refetch())} />
      ) : !run ? (
        <SectionEmpty>No reconciliation of this channel yet. Generate one.</SectionEmpty>
      ) : (
        <div className="divide-y">
          <ReconciliationSummary run={run} />
          <div className="px-6 py-3">
            <ReconciliationStatusFilter
              selected={statuses}
              counts={run.counts}
              onChange={(next) => {
                setStatuses(next)
                restart()
              }}
            />
          </div>
          {!rows.length ? (
            <SectionEmpty>{run.status === "success" ? "No rows match the filters." : "Rows appear as the run goes."}</SectionEmpty>
          ) : (
            <div>
              <ReconciliationTable rows={rows} selected={selected} onSelectedChange={setSelected} />
              <Table.Pagination
                count={detail.data!.count}
                pageSize={PAGE_SIZE}
                pageIndex={pageIndex}
                pageCount={pageCount}
                canPreviousPage={pageIndex > 0}
                canNextPage={pageIndex + 1 < pageCount}
                previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
                nextPage={() => setPageIndex((index) => index + 1)}
              />
            </div>
          )}
        </div>
      )}
    </Container>
  )
}
