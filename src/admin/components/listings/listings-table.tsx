import { Badge, Table, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import type { Listing } from "../../lib/types"
import { SyncStatusBadge } from "../common/sync-status-badge"
import { SyncListingButton } from "./sync-listing-button"

type Props = { listings: Listing[]; onOpen: (listing: Listing) => void }

export const ListingsTable = ({ listings, onOpen }: Props) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Channel SKU</Table.HeaderCell>
        <Table.HeaderCell>Product ID</Table.HeaderCell>
        <Table.HeaderCell>Variant</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Pack size</Table.HeaderCell>
        <Table.HeaderCell>Sync</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Last pushed</Table.HeaderCell>
        <Table.HeaderCell />
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {listings.map((listing) => (
        <Table.Row
          key={listing.id}
          data-listing-sku={listing.channel_sku}
          className="cursor-pointer"
          onClick={() => onOpen(listing)}
        >
          <Table.Cell>
            <Text size="small" weight="plus" as="span">
              {listing.channel_sku}
            </Text>
          </Table.Cell>
          <Table.Cell>{listing.channel_product_id ?? "-"}</Table.Cell>
          <Table.Cell className="max-w-[320px]">
            <MatchedVariant listing={listing} />
          </Table.Cell>
          <Table.Cell className="text-right">{listing.pack_size}</Table.Cell>
          <Table.Cell className="max-w-[200px]">
            <SyncStatusBadge enabled={listing.sync_enabled} reason={listing.disabled_note ?? listing.disabled_reason} />
          </Table.Cell>
          <Table.Cell className="text-right" data-testid="listing-quantity" title={listing.preview_mode ?? undefined}>
            {listing.preview_quantity ?? "-"}
          </Table.Cell>
          <Table.Cell
            className="text-right"
            data-testid="listing-last-pushed"
            title={listing.last_pushed_at ? `Pushed ${formatDateTime(listing.last_pushed_at)}` : "Never pushed"}
          >
            {listing.last_pushed_quantity ?? "-"}
          </Table.Cell>
          <Table.Cell className="text-right">
            <SyncListingButton listingId={listing.id} channelSku={listing.channel_sku} label="Sync now" />
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

const MatchedVariant = ({ listing }: { listing: Listing }) => {
  if (!listing.variant_id) {
    return (
      <Badge size="2xsmall" color="orange">
        Unmatched
      </Badge>
    )
  }
  if (!listing.variant) {
    // Matched to a variant id that no longer resolves (deleted product).
    return (
      <Badge size="2xsmall" color="red">
        Missing variant {listing.variant_id}
      </Badge>
    )
  }
  const { product_title, title, sku } = listing.variant
  return (
    <Text size="small" className="truncate" title={[product_title, title, sku].filter(Boolean).join(" · ")}>
      {[product_title, title, sku].filter(Boolean).join(" · ")}
    </Text>
  )
}
