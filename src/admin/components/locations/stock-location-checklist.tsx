import { Checkbox, Label, Text } from "@medusajs/ui"
import { useStockLocations } from "../../hooks/use-store-data"
import { SectionError, SectionLoading } from "../common/query-state"

type Props = {
  value: string[]
  onChange: (ids: string[]) => void
  /** Tells the checkboxes of several lists on one page apart. */
  idPrefix?: string
}

export const StockLocationChecklist = ({ value, onChange, idPrefix = "stock-location" }: Props) => {
  const { data, isPending, isError, error, refetch } = useStockLocations()
  if (isPending) {
    return <SectionLoading rows={2} />
  }
  if (isError) {
    return <SectionError error={error} onRetry={() => refetch()} />
  }
  if (!data.stock_locations.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        The store has no stock locations yet.
      </Text>
    )
  }
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...value, id] : value.filter((existing) => existing !== id))

  return (
    <div className="flex flex-col gap-y-2">
      {data.stock_locations.map((location) => {
        const id = `${idPrefix}-${location.id}`
        return (
          <div key={location.id} className="flex items-center gap-x-2">
            <Checkbox
              id={id}
              name="stock_location_ids"
              value={location.id}
              checked={value.includes(location.id)}
              onCheckedChange={(checked) => toggle(location.id, checked === true)}
            />
            <Label htmlFor={id} size="small">
              {location.name}
            </Label>
          </div>
        )
      })}
    </div>
  )
}
