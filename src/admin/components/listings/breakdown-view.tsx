import { Badge, Heading, Text } from "@medusajs/ui"
import { humanize } from "../../lib/format"
import type { QuantityBreakdown } from "../../lib/types"
import { LabelValue as Pair } from "../common/label-value"

const MODE_LABELS: Record<QuantityBreakdown["mode"], string> = {
  stock: "Counted from stock",
  backorder: "Backorder quantity",
  unmanaged: "Unmanaged quantity",
  unmatched: "Unmatched listing (always 0)",
  no_inventory: "Variant has no inventory items",
}

type Props = { breakdown: QuantityBreakdown; locationName: (id: string) => string }

/** The formula's steps, top to bottom, as label/value pairs. */
export const BreakdownView = ({ breakdown, locationName }: Props) => (
  <div className="flex flex-col gap-y-4">
    <dl className="flex flex-col gap-y-1">
      <Pair label="Mode" value={MODE_LABELS[breakdown.mode]} />
      <Pair
        label="Counted locations"
        value={breakdown.location_ids.length ? breakdown.location_ids.map(locationName).join(", ") : "None"}
      />
      <Pair label="Sellable units" value={breakdown.units} />
      <Pair label="Pack size" value={breakdown.pack_size} />
      <Pair label="Packs" value={breakdown.packs} />
      <Pair label="After allocation" value={breakdown.steps.after_allocation} />
      <Pair label="After buffer" value={breakdown.steps.after_buffer} />
      <Pair label="Zeroed by threshold" value={breakdown.steps.zeroed_by_threshold ? "Yes" : "No"} />
      <Pair label="Capped by max quantity" value={breakdown.steps.capped_by_max ? "Yes" : "No"} />
      <Pair label="Quantity" value={<strong>{breakdown.quantity}</strong>} />
    </dl>

    <div className="flex flex-col gap-y-1">
      <Heading level="h3">Rules applied</Heading>
      <dl className="flex flex-col gap-y-1">
        {(Object.keys(breakdown.rules) as (keyof QuantityBreakdown["rules"])[]).map((key) => (
          <Pair
            key={key}
            label={humanize(key)}
            value={
              <span className="flex items-center gap-x-2">
                {breakdown.rules[key] === null ? "None" : String(breakdown.rules[key])}
                <Badge size="2xsmall" color="grey">
                  {breakdown.rule_sources[key]}
                </Badge>
              </span>
            }
          />
        ))}
      </dl>
    </div>

    {breakdown.items.length ? (
      <div className="flex flex-col gap-y-2">
        <Heading level="h3">Inventory items</Heading>
        {breakdown.items.map((item) => (
          <div key={item.inventory_item_id} className="bg-ui-bg-subtle rounded-md px-3 py-2">
            <Text size="small" weight="plus" className="font-mono">
              {item.inventory_item_id}
            </Text>
            <dl className="flex flex-col gap-y-1 pt-1">
              <Pair label="Required per variant" value={item.required_quantity} />
              {item.locations.map((level) => (
                <Pair
                  key={level.location_id}
                  label={locationName(level.location_id)}
                  value={`${level.stocked} stocked − ${level.reserved} reserved = ${level.available}`}
                />
              ))}
              <Pair label="Available" value={item.available} />
              <Pair label="Variant units" value={item.units} />
            </dl>
          </div>
        ))}
      </div>
    ) : null}
  </div>
)
