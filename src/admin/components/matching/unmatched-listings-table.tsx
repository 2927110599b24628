import { Badge, Button, Checkbox, Table, Text } from "@medusajs/ui"
import { Fragment, type MouseEvent, useState } from "react"
import { useVariantsById } from "../../hooks/use-store-data"
import { pageChecked, withToggled } from "../../lib/selection"
import type { Listing } from "../../lib/types"
import { ManualMatch } from "./manual-match"
import { SuggestionSummary } from "./suggestion-summary"

type Props = {
  listings: Listing[]
  /** Ticked listings; only those with a suggestion can be ticked. */
  selected: ReadonlySet<string>
  onSelectedChange: (selected: Set<string>) => void
  onAccept: (listing: Listing) => void
  accepting: boolean
  onOpen: (listing: Listing) => void
}

const COLUMNS = 6
const keep = (event: MouseEvent) => event.stopPropagation()

/** Unmatched listings with the matcher's suggestion; each can be accepted, or matched by hand in place. */
export const UnmatchedListingsTable = ({ listings, selected, onSelectedChange, onAccept, accepting, onOpen }: Props) => {
  const [matching, setMatching] = useState<string | null>(null)
  const names = useVariantsById(listings.flatMap((l) => (l.match_suggestion ? [l.match_suggestion.variant_id] : [])))
  const tickable = listings.filter((l) => l.match_suggestion).map((l) => l.id)

  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[1%]">
              <Checkbox
                aria-label="Select every suggestion on this page"
                disabled={!tickable.length}
                checked={tickable.length ? pageChecked(tickable, selected) : false}
                onCheckedChange={(checked) => onSelectedChange(checked === true ? new Set(tickable) : new Set())}
              />
            </Table.HeaderCell>
            <Table.HeaderCell>Channel SKU</Table.HeaderCell>
            <Table.HeaderCell>Product ID</Table.HeaderCell>
            <Table.HeaderCell>On the channel</Table.HeaderCell>
            <Table.HeaderCell>Suggestion</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {listings.map((listing) => {
            const suggestion = listing.match_suggestion
            return (
              <Fragment key={listing.id}>
                <Table.Row
                  data-unmatched-sku={listing.channel_sku}
                  data-listing-id={listing.id}
                  className="cursor-pointer"
                  onClick={() => onOpen(listing)}
                >
                  <Table.Cell onClick={keep}>
                    <Checkbox
                      aria-label={`Select ${listing.channel_sku}`}
                      disabled={!suggestion}
                      checked={selected.has(listing.id)}
                      onCheckedChange={(checked) => onSelectedChange(withToggled(selected, listing.id, checked === true))}
                    />
                  </Table.Cell>
                  <Table.Cell className="max-w-[240px]">
                    <Text size="small" weight="plus" as="div" className="truncate">
                      {listing.channel_sku}
                    </Text>
                    {listing.title ? (
                      <Text size="xsmall" className="text-ui-fg-subtle truncate" title={listing.title}>
                        {listing.title}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{listing.channel_product_id ?? "-"}</Table.Cell>
                  <Table.Cell>
                    {listing.channel_status ? (
                      <Badge size="2xsmall" color={listing.channel_status === "active" ? "green" : "orange"}>
                        {listing.channel_status}
                      </Badge>
                    ) : (
                      "-"
                    )}
                  </Table.Cell>
                  <Table.Cell className="max-w-[360px]">
                    {suggestion ? (
                      <SuggestionSummary suggestion={suggestion} label={names.get(suggestion.variant_id)} />
                    ) : (
                      <Text size="small" className="text-ui-fg-subtle">
                        No suggestion
                      </Text>
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right" onClick={keep}>
                    <div className="flex justify-end gap-x-2">
                      {suggestion ? (
                        <Button size="small" variant="secondary" data-action="accept-suggestion" disabled={accepting} onClick={() => onAccept(listing)}>
                          Accept
                        </Button>
                      ) : null}
                      <Button
                        size="small"
                        variant="secondary"
                        data-action="manual-match"
                        aria-expanded={matching === listing.id}
                        onClick={() => setMatching(matching === listing.id ? null : listing.id)}
                      >
                        Match…
                      </Button>
                    </div>
                  </Table.Cell>
                </Table.Row>
                {matching === listing.id ? (
                  <Table.Row data-manual-match={listing.id}>
                    {/* A plain cell: Table.Cell does not take colSpan. */}
                    <td colSpan={COLUMNS} className="bg-ui-bg-subtle px-6 py-3">
                      <ManualMatch listing={listing} onDone={() => setMatching(null)} />
                    </td>
                  </Table.Row>
                ) : null}
              </Fragment>
            )
          })}
        </Table.Body>
      </Table>
    </div>
  )
}
