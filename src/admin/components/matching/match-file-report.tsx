import { Badge, Button, Table, Text } from "@medusajs/ui"
import { downloadText } from "../../lib/files"
import type { MatchFileReport as Report, MatchFileRow, MatchFileRowStatus } from "../../lib/types"

// A file may hold 50,000 rows; the page shows the first of each kind and the download has all bad ones.
const SHOWN_ROWS = 100

const STATUS_LABELS: Record<MatchFileRowStatus, string> = {
  ok: "Good",
  unknown_sku: "Unknown channel SKU",
  unknown_variant: "Unknown variant SKU",
  duplicate: "Duplicate",
  invalid: "Incomplete",
}

type Props = { report: Report; filename: string }

/** What a checked file would do: its good rows, its bad rows with the reason, and the bad rows to download. */
export const MatchFileReport = ({ report, filename }: Props) => {
  const good = report.rows.filter((r) => r.status === "ok")
  const bad = report.rows.filter((r) => r.status !== "ok")
  const base = filename.replace(/\.(xlsx|csv)$/i, "")
  return (
    <div className="flex flex-col gap-y-4" data-section="match-file-report">
      <div className="flex flex-wrap items-center gap-2">
        <Badge size="small" color="grey" data-testid="match-file-total">{report.summary.total} rows</Badge>
        <Badge size="small" color="green" data-testid="match-file-ok">{report.summary.ok} good</Badge>
        <Badge size="small" color={report.summary.bad ? "red" : "grey"} data-testid="match-file-bad">{report.summary.bad} bad</Badge>
      </div>
      {bad.length ? (
        <div className="flex flex-col gap-y-2">
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">Rows that will not be applied</Text>
            <Button
              size="small"
              variant="secondary"
              type="button"
              data-action="download-bad-rows"
              onClick={() => downloadText(`${base}-bad-rows.csv`, report.report_csv)}
            >
              Download bad rows
            </Button>
          </div>
          <RowsTable rows={bad} />
        </div>
      ) : null}
      {good.length ? (
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">Rows that will be matched</Text>
          <RowsTable rows={good} />
        </div>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">No row of this file can be applied.</Text>
      )}
    </div>
  )
}

const RowsTable = ({ rows }: { rows: MatchFileRow[] }) => (
  <div className="overflow-x-auto rounded-md border">
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell className="text-right">Row</Table.HeaderCell>
          <Table.HeaderCell>Channel SKU</Table.HeaderCell>
          <Table.HeaderCell>Variant SKU</Table.HeaderCell>
          <Table.HeaderCell>Result</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.slice(0, SHOWN_ROWS).map((row) => (
          <Table.Row key={row.row} data-file-row={row.row} data-status={row.status}>
            <Table.Cell className="text-right">{row.row}</Table.Cell>
            <Table.Cell>{row.channel_sku || "-"}</Table.Cell>
            <Table.Cell>{row.variant_sku || "-"}</Table.Cell>
            <Table.Cell className="max-w-[260px]">
              <Text size="small" className={row.status === "ok" ? undefined : "text-ui-fg-error"} title={row.message ?? undefined}>
                {row.message ?? STATUS_LABELS[row.status]}
              </Text>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
    {rows.length > SHOWN_ROWS ? (
      <Text size="xsmall" className="text-ui-fg-subtle px-3 py-2">
        and {rows.length - SHOWN_ROWS} more
      </Text>
    ) : null}
  </div>
)
