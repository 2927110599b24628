import { Button, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useListingPreview } from "../../hooks/use-listings"
import { useStockLocationName } from "../../hooks/use-store-data"
import { SectionError, SectionLoading } from "../common/query-state"
import { BreakdownView } from "./breakdown-view"

/** Why a listing shows the quantity it shows: the preview computed now, per channel location. */
export const ListingPreview = ({ listingId, initiallyOpen = true }: { listingId: string; initiallyOpen?: boolean }) => {
  const { data, isPending, isError, error, refetch } = useListingPreview(listingId)
  const locationName = useStockLocationName()
  const [open, setOpen] = useState(initiallyOpen)

  if (isPending) {
    return <SectionLoading rows={6} />
  }
  if (isError) {
    return <SectionError error={error} onRetry={() => refetch()} />
  }
  return (
    <div className="flex flex-col gap-y-6">
      <div className="flex items-end justify-between gap-x-4">
        <div>
          <Text size="small" className="text-ui-fg-subtle">
            Quantity the channel would be told now
          </Text>
          <Heading level="h2" data-testid="listing-preview-quantity">
            {data.quantity}
          </Heading>
        </div>
        <Button size="small" variant="transparent" type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide breakdown" : "Show breakdown"}
        </Button>
      </div>
      {!open ? null : data.breakdown.targets.map((target) => (
        <div key={target.channel_location_id ?? "all"} className="flex flex-col gap-y-2">
          {data.breakdown.per_location ? (
            <Heading level="h3">
              Location {target.location_code ?? target.channel_location_id}: {target.quantity}
            </Heading>
          ) : null}
          <BreakdownView breakdown={target.breakdown} locationName={locationName} />
        </div>
      ))}
    </div>
  )
}
