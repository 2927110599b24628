import { Button, Container, Drawer, Table, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useChannelLocations } from "../../hooks/use-channel-locations"
import { useStockLocations } from "../../hooks/use-store-data"
import type { ChannelLocation } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ImportLocationsForm } from "./import-locations-form"
import { LocationForm } from "./location-form"
import { LocationRowActions } from "./location-row-actions"

/** `null` is the add form; a location is its edit form. */
type Editing = { location: ChannelLocation | null } | null

export const LocationsSection = ({ channelId }: { channelId: string }) => {
  const { data, isPending, isError, error, refetch } = useChannelLocations(channelId)
  const stockLocations = useStockLocations()
  const [editing, setEditing] = useState<Editing>(null)
  const [importing, setImporting] = useState(false)

  const stockLocationNames = useMemo(
    () => new Map((stockLocations.data?.stock_locations ?? []).map((l) => [l.id, l.name])),
    [stockLocations.data]
  )

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Locations"
        description="Marketplace warehouses and the stock locations that feed them."
        actions={
          <>
            <Button size="small" variant="secondary" data-action="import-remote-locations" onClick={() => setImporting(true)}>
              Import from channel
            </Button>
            <Button size="small" variant="secondary" onClick={() => setEditing({ location: null })}>
              Add location
            </Button>
          </>
        }
      />
      {isPending ? (
        <SectionLoading />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.locations.length ? (
        <SectionEmpty>No locations mapped: the sales channel's stock locations count.</SectionEmpty>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Code</Table.HeaderCell>
              <Table.HeaderCell>External ID</Table.HeaderCell>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Stock locations</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.locations.map((location) => (
              <Table.Row key={location.id} data-location-external-id={location.external_id}>
                <Table.Cell>{location.code}</Table.Cell>
                <Table.Cell>{location.external_id}</Table.Cell>
                <Table.Cell>{location.name ?? "-"}</Table.Cell>
                <Table.Cell>
                  <Text size="small" className="whitespace-normal">
                    {location.stock_location_ids.map((id) => stockLocationNames.get(id) ?? id).join(", ")}
                  </Text>
                </Table.Cell>
                <Table.Cell className="text-right">
                  <LocationRowActions
                    channelId={channelId}
                    location={location}
                    onEdit={() => setEditing({ location })}
                  />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Drawer open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <Drawer.Content aria-describedby={undefined}>
          <Drawer.Header>
            <Drawer.Title>{editing?.location ? `Edit location ${editing.location.code}` : "Add location"}</Drawer.Title>
          </Drawer.Header>
          {editing ? (
            <LocationForm
              key={editing.location?.id ?? "new"}
              channelId={channelId}
              location={editing.location}
              onDone={() => setEditing(null)}
            />
          ) : null}
        </Drawer.Content>
      </Drawer>
      <Drawer open={importing} onOpenChange={setImporting}>
        <Drawer.Content aria-describedby={undefined}>
          <Drawer.Header>
            <Drawer.Title>Import locations from the channel</Drawer.Title>
          </Drawer.Header>
          {importing ? <ImportLocationsForm channelId={channelId} onDone={() => setImporting(false)} /> : null}
        </Drawer.Content>
      </Drawer>
    </Container>
  )
}
