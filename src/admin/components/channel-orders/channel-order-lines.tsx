import { Badge, Button, Table, Text } from "@medusajs/ui"
import { Fragment, useState } from "react"
import { useVariantsById } from "../../hooks/use-store-data"
import type { ChannelOrder, ChannelOrderLine } from "../../lib/types"
import { ManualMatch } from "../matching/manual-match"
import { SuggestionSummary } from "../matching/suggestion-summary"

const COLUMNS = 5

/** The order's lines as the channel sent them, each with its match; an unmatched one is matched in place. */
type Props = { order: ChannelOrder; onMatched: () => void }

export const ChannelOrderLines = ({ order, onMatched }: Props) => {
  const [matching, setMatching] = useState<number | null>(null)
  const names = useVariantsById(order.lines.flatMap((l) => (l.listing?.match_suggestion ? [l.listing.match_suggestion.variant_id] : [])))
  const open = order.status === "staged" || order.status === "failed"

  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>SKU</Table.HeaderCell>
          <Table.HeaderCell>Title</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
          <Table.HeaderCell>Match</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {order.lines.map((line, index) => (
          <Fragment key={`${line.sku}-${index}`}>
            <Table.Row data-line-sku={line.sku} data-matched={line.matched}>
              <Table.Cell>
                <Text size="small" weight="plus" as="span">
                  {line.sku}
                </Text>
              </Table.Cell>
              <Table.Cell className="max-w-[220px] truncate">{line.title ?? line.listing?.title ?? "-"}</Table.Cell>
              <Table.Cell className="text-right">{line.quantity}</Table.Cell>
              <Table.Cell className="max-w-[320px]">
                <LineMatch line={line} suggestionLabel={names} />
              </Table.Cell>
              <Table.Cell className="text-right">
                {open && !line.matched && line.listing ? (
                  <Button
                    size="small"
                    variant="secondary"
                    data-action="match-line"
                    aria-expanded={matching === index}
                    onClick={() => setMatching(matching === index ? null : index)}
                  >
                    Match…
                  </Button>
                ) : null}
              </Table.Cell>
            </Table.Row>
            {matching === index && line.listing ? (
              <Table.Row data-line-match={line.sku}>
                {/* A plain cell: Table.Cell does not take colSpan. */}
                <td colSpan={COLUMNS} className="bg-ui-bg-subtle px-6 py-3">
                  <ManualMatch
                    listing={{ id: line.listing.id, channel_sku: line.sku }}
                    successNote="Orders waiting only for this SKU are released."
                    onMatched={onMatched}
                    onDone={() => setMatching(null)}
                  />
                </td>
              </Table.Row>
            ) : null}
          </Fragment>
        ))}
      </Table.Body>
    </Table>
  )
}

const LineMatch = ({ line, suggestionLabel }: { line: ChannelOrderLine; suggestionLabel: Map<string, string> }) => {
  if (line.matched) {
    return (
      <Badge size="2xsmall" color="green">
        Matched
      </Badge>
    )
  }
  if (!line.listing) {
    return (
      <Badge size="2xsmall" color="red">
        No listing
      </Badge>
    )
  }
  const suggestion = line.listing.match_suggestion
  return (
    <div className="flex flex-col gap-y-1">
      <Badge size="2xsmall" color="orange" className="self-start">
        Unmatched
      </Badge>
      {suggestion ? <SuggestionSummary suggestion={suggestion} label={suggestionLabel.get(suggestion.variant_id)} /> : null}
    </div>
  )
}
