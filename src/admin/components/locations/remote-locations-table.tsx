import { Badge, Checkbox, Table, Text } from "@medusajs/ui"
import type { RemoteLocation } from "../../lib/types"

type Props = {
  locations: RemoteLocation[]
  selected: ReadonlySet<string>
  onToggle: (location: RemoteLocation, checked: boolean) => void
  /** Code of each channel location by id, to say which one maps a remote location. */
  mappedCodes: ReadonlyMap<string, string>
}

/** The channel's own locations; ones a channel location maps already cannot be ticked. */
export const RemoteLocationsTable = ({ locations, selected, onToggle, mappedCodes }: Props) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell className="w-[1%]" />
        <Table.HeaderCell>Name</Table.HeaderCell>
        <Table.HeaderCell>ID</Table.HeaderCell>
        <Table.HeaderCell>Status</Table.HeaderCell>
        <Table.HeaderCell>Mapped</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {locations.map((location) => (
        <Table.Row key={location.id} data-remote-location-id={location.id} data-mapped={!!location.mapped_to}>
          <Table.Cell>
            <Checkbox
              aria-label={`Import ${location.name}`}
              disabled={!!location.mapped_to}
              checked={selected.has(location.id)}
              onCheckedChange={(checked) => onToggle(location, checked === true)}
            />
          </Table.Cell>
          <Table.Cell>
            <Text size="small" weight="plus">
              {location.name}
            </Text>
          </Table.Cell>
          <Table.Cell>
            <Text size="small" className="font-mono break-all">
              {location.id}
            </Text>
          </Table.Cell>
          <Table.Cell>
            <Badge size="2xsmall" color={location.active ? "green" : "grey"}>
              {location.active ? "Active" : "Inactive"}
            </Badge>
          </Table.Cell>
          <Table.Cell>
            {location.mapped_to ? (
              <Badge size="2xsmall" color="blue">
                {mappedCodes.get(location.mapped_to) ?? "Mapped"}
              </Badge>
            ) : (
              "-"
            )}
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
