import { Checkbox, StatusBadge, Table, Text } from "@medusajs/ui"
import { pageChecked, withToggled } from "../../lib/selection"
import type { ReconciliationRow } from "../../lib/types"
import { ROW_STATUS_COLORS, ROW_STATUS_LABELS } from "./reconciliation-status"

type Props = {
  rows: ReconciliationRow[]
  selected: ReadonlySet<string>
  onSelectedChange: (selected: Set<string>) => void
}

const num = (value: number | null) => (value === null ? "-" : String(value))

/** One row per listing and location: ours (total, sellable, committed) against the channel's. */
export const ReconciliationTable = ({ rows, selected, onSelectedChange }: Props) => {
  const toggle = (id: string, checked: boolean) => onSelectedChange(withToggled(selected, id, checked))
  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[1%]">
              <Checkbox
                aria-label="Select all rows on this page"
                checked={pageChecked(rows.map((r) => r.id), selected)}
                onCheckedChange={(checked) => onSelectedChange(checked === true ? new Set(rows.map((r) => r.id)) : new Set())}
              />
            </Table.HeaderCell>
            <Table.HeaderCell>Product</Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell>Channel SKU</Table.HeaderCell>
            <Table.HeaderCell>Location</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Total</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Sellable</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Committed</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Channel</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Delta</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.id} data-reconciliation-row={row.id} data-status={row.status} data-sku={row.channel_sku} data-location={row.location_code ?? ""}>
              <Table.Cell>
                <Checkbox
                  aria-label={`Select ${row.channel_sku} ${row.location_code ?? ""}`}
                  checked={selected.has(row.id)}
                  onCheckedChange={(checked) => toggle(row.id, checked === true)}
                />
              </Table.Cell>
              <Table.Cell className="max-w-[240px] truncate">{row.product_title ?? "-"}</Table.Cell>
              <Table.Cell>{row.variant_sku ?? "-"}</Table.Cell>
              <Table.Cell>{row.channel_sku}</Table.Cell>
              <Table.Cell>{row.location_code ?? "All"}</Table.Cell>
              <Table.Cell className="text-right">{num(row.stocked)}</Table.Cell>
              <Table.Cell className="text-right">{num(row.sellable)}</Table.Cell>
              <Table.Cell className="text-right">{num(row.reserved)}</Table.Cell>
              <Table.Cell className="text-right" data-column="channel-quantity">
                {num(row.channel_quantity)}
              </Table.Cell>
              <Table.Cell className="text-right" data-column="delta">
                <Text size="small" weight={row.delta ? "plus" : "regular"}>
                  {row.delta === null ? "-" : row.delta > 0 ? `+${row.delta}` : String(row.delta)}
                </Text>
              </Table.Cell>
              <Table.Cell>
                <div className="flex flex-col gap-y-1">
                  <StatusBadge color={ROW_STATUS_COLORS[row.status]} className="whitespace-nowrap">
                    {ROW_STATUS_LABELS[row.status]}
                  </StatusBadge>
                  {row.drift ? (
                    <Text size="xsmall" className="text-ui-fg-subtle" data-drift>
                      Edited on channel: {num(row.last_pushed_quantity)} → {num(row.channel_quantity)}
                    </Text>
                  ) : null}
                </div>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
