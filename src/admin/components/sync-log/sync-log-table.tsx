import { Checkbox, Table, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import { pageChecked, withToggled } from "../../lib/selection"
import { errorSummary } from "../../lib/sync-status"
import type { SyncLog } from "../../lib/types"
import { SyncRecordStatusBadge } from "../common/sync-record-status-badge"
import { canForcePush, ForcePushButton } from "./force-push-button"

type Props = {
  logs: SyncLog[]
  selected: ReadonlySet<string>
  onSelectedChange: (selected: Set<string>) => void
  onOpen: (log: SyncLog) => void
}

export const SyncLogTable = ({ logs, selected, onSelectedChange, onOpen }: Props) => {
  const allChecked = pageChecked(logs.map((log) => log.id), selected)
  const toggle = (id: string, checked: boolean) => onSelectedChange(withToggled(selected, id, checked))

  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[1%]">
              <Checkbox
                aria-label="Select all rows on this page"
                checked={allChecked}
                onCheckedChange={(checked) => onSelectedChange(checked === true ? new Set(logs.map((l) => l.id)) : new Set())}
              />
            </Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell>Channel SKU</Table.HeaderCell>
            <Table.HeaderCell>Channel product id</Table.HeaderCell>
            <Table.HeaderCell>Channel</Table.HeaderCell>
            <Table.HeaderCell>Location</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
            <Table.HeaderCell>Date</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Error</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {logs.map((log) => (
            <Table.Row
              key={log.id}
              data-sync-log-id={log.id}
              data-status={log.status}
              data-quantity={log.quantity}
              className="cursor-pointer"
              onClick={() => onOpen(log)}
            >
              <Table.Cell onClick={(event) => event.stopPropagation()}>
                <Checkbox
                  aria-label={`Select ${log.channel_sku}`}
                  checked={selected.has(log.id)}
                  onCheckedChange={(checked) => toggle(log.id, checked === true)}
                />
              </Table.Cell>
              <Table.Cell>{log.variant_sku ?? "-"}</Table.Cell>
              <Table.Cell>
                <Text size="small" weight="plus" as="span">
                  {log.channel_sku}
                </Text>
              </Table.Cell>
              <Table.Cell>{log.channel_product_id ?? "-"}</Table.Cell>
              <Table.Cell>{log.channel?.name ?? log.channel_id}</Table.Cell>
              <Table.Cell>{log.location_code ?? "—"}</Table.Cell>
              <Table.Cell className="text-right" data-testid="sync-log-quantity">
                {log.quantity}
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap">{formatDateTime(log.created_at)}</Table.Cell>
              <Table.Cell>
                <SyncRecordStatusBadge status={log.status} />
              </Table.Cell>
              <Table.Cell className="max-w-[280px]">
                <ErrorText log={log} />
              </Table.Cell>
              <Table.Cell className="text-right">{canForcePush(log) ? <ForcePushButton log={log} /> : null}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/**
 * The failure of an Error row in red; why a Deferred or Skipped row was not sent, and a
 * Success row's note, in plain text (they are no failures).
 */
const ErrorText = ({ log }: { log: SyncLog }) => {
  const summary = log.status === "success" ? log.note ?? null : errorSummary(log)
  if (!summary) {
    return <>-</>
  }
  return (
    <Text
      size="small"
      className={`${log.status === "error" ? "text-ui-fg-error" : "text-ui-fg-subtle"} truncate`}
      title={summary}
      data-testid={log.status === "error" ? "sync-log-error" : "sync-log-note"}
    >
      {summary}
    </Text>
  )
}
