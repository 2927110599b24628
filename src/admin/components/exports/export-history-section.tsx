import { Container, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useExports } from "../../hooks/use-exports"
import { downloadHref } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import type { ExportJob } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ExportStatusBadge } from "./export-status-badge"

const PAGE_SIZE = 20

/** Every export asked for, newest first: Pending → Success (download) or Failed (why). */
export const ExportHistorySection = () => {
  const [pageIndex, setPageIndex] = useState(0)
  const { data, isPending, isError, error, refetch } = useExports({ limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  const pageCount = Math.max(1, Math.ceil((data?.count ?? 0) / PAGE_SIZE))

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Export History"
        level="h1"
        description="Spreadsheets of the Sync Log, written in the background. Start one from the Sync Log's Export button."
      />
      {isPending ? (
        <SectionLoading rows={4} />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.exports.length ? (
        <SectionEmpty>No exports yet.</SectionEmpty>
      ) : (
        <div>
          <div className="overflow-x-auto">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Requested</Table.HeaderCell>
                  <Table.HeaderCell>File</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Rows</Table.HeaderCell>
                  <Table.HeaderCell>Created by</Table.HeaderCell>
                  <Table.HeaderCell>Status</Table.HeaderCell>
                  <Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data.exports.map((job) => (
                  <ExportRow key={job.id} job={job} />
                ))}
              </Table.Body>
            </Table>
          </div>
          <Table.Pagination
            count={data.count}
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
    </Container>
  )
}

const ExportRow = ({ job }: { job: ExportJob }) => (
  <Table.Row data-export-id={job.id} data-status={job.status}>
    <Table.Cell className="whitespace-nowrap">{formatDateTime(job.created_at)}</Table.Cell>
    <Table.Cell>{job.filename}</Table.Cell>
    <Table.Cell className="text-right">{job.row_count ?? "-"}</Table.Cell>
    <Table.Cell>{job.created_by_email ?? "-"}</Table.Cell>
    <Table.Cell>
      <div className="flex flex-col gap-y-1">
        <ExportStatusBadge status={job.status} />
        {job.error_message ? (
          <Text size="xsmall" className="text-ui-fg-error">
            {job.error_message}
          </Text>
        ) : null}
      </div>
    </Table.Cell>
    <Table.Cell className="text-right">
      {job.download_url ? (
        <a
          href={downloadHref(job.download_url)}
          download={job.filename}
          data-action="download"
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
        >
          Download
        </a>
      ) : null}
    </Table.Cell>
  </Table.Row>
)
