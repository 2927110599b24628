import { Button, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useMatchListings } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import { type PickedVariant, VariantPicker } from "../listings/variant-picker"

type Props = {
  listing: { id: string; channel_sku: string }
  onDone: () => void
  onMatched?: () => void
  /** Said in the toast after the match (a staged order released, for instance). */
  successNote?: string
}

/** Matches one listing to a variant found by title or SKU, in place (Matching page, Unmatched Orders). */
export const ManualMatch = ({ listing, onDone, onMatched, successNote }: Props) => {
  const match = useMatchListings()
  const [picked, setPicked] = useState<PickedVariant | null>(null)

  const save = () =>
    picked &&
    match.mutate(
      { matches: [{ listing_id: listing.id, variant_id: picked.id }] },
      {
        onSuccess: () => {
          toast.success(`${listing.channel_sku} matched to ${picked.label}`, { description: successNote })
          onMatched?.()
          onDone()
        },
        onError: (error) => toast.error(errorMessage(error, `${listing.channel_sku} could not be matched`)),
      }
    )

  return (
    <div className="flex flex-col gap-y-2" data-section="manual-match">
      <Text size="small" weight="plus">
        Match {listing.channel_sku} to
      </Text>
      <VariantPicker id={`manual-match-${listing.id}`} value={picked} onChange={setPicked} />
      <div className="flex justify-end gap-x-2">
        <Button size="small" variant="secondary" type="button" onClick={onDone}>
          Cancel
        </Button>
        <Button size="small" type="button" disabled={!picked} isLoading={match.isPending} data-action="save-manual-match" onClick={save}>
          Match
        </Button>
      </div>
    </div>
  )
}
