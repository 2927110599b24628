import { Button, Table, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import type { VariantListing } from "../../lib/types"
import { SyncListingButton } from "../listings/sync-listing-button"
import { ListingPushStatus } from "./listing-push-status"

type Props = {
  listings: VariantListing[]
  /** A row opens its push state. */
  onOpen: (listing: VariantListing) => void
  /** "Edit" opens the listing drawer (match, pack size, rules, stock updates, why). */
  onEdit: (listing: VariantListing) => void
}

export const VariantListingsTable = ({ listings, onOpen, onEdit }: Props) => (
  <div className="overflow-x-auto">
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Channel</Table.HeaderCell>
          <Table.HeaderCell>Channel SKU</Table.HeaderCell>
          <Table.HeaderCell>Locations</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Desired</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Last pushed</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Last push</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {listings.map((listing) => {
          const sync = listing.sync
          return (
            <Table.Row
              key={listing.id}
              data-listing-id={listing.id}
              data-listing-sku={listing.channel_sku}
              className="cursor-pointer"
              onClick={() => onOpen(listing)}
            >
              <Table.Cell>{listing.channel?.name ?? listing.channel_id}</Table.Cell>
              <Table.Cell>
                <Text size="small" weight="plus" as="span">
                  {listing.channel_sku}
                </Text>
              </Table.Cell>
              <Table.Cell>{locationCodes(listing)}</Table.Cell>
              <Table.Cell className="text-right" data-testid="listing-desired-quantity">
                {sync?.desired_quantity ?? listing.preview_quantity ?? "-"}
              </Table.Cell>
              <Table.Cell className="text-right" data-testid="listing-last-pushed">
                {sync?.last_pushed_quantity ?? listing.last_pushed_quantity ?? "-"}
              </Table.Cell>
              <Table.Cell>
                <ListingPushStatus sync={sync} />
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap">
                {formatDateTime(sync?.last_pushed_at ?? listing.last_pushed_at)}
              </Table.Cell>
              <Table.Cell className="text-right">
                <div className="flex justify-end gap-x-2">
                  <Button
                    size="small"
                    variant="secondary"
                    data-action="edit-listing"
                    onClick={(event) => {
                      event.stopPropagation()
                      onEdit(listing)
                    }}
                  >
                    Edit
                  </Button>
                  <SyncListingButton listingId={listing.id} channelSku={listing.channel_sku} label="Force Push" />
                </div>
              </Table.Cell>
            </Table.Row>
          )
        })}
      </Table.Body>
    </Table>
  </div>
)

function locationCodes(listing: VariantListing): string {
  const codes = (listing.sync?.targets ?? []).map((t) => t.location_code).filter((code): code is string => !!code)
  return codes.length ? codes.join(", ") : "—"
}
