import { Badge, Button, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useMatchListings } from "../../hooks/use-listings"
import { useVariantsById } from "../../hooks/use-store-data"
import { errorMessage } from "../../lib/errors"
import { variantLabel } from "../../lib/format"
import type { Listing } from "../../lib/types"
import { type PickedVariant, VariantPicker } from "../listings/variant-picker"
import { SuggestionSummary } from "../matching/suggestion-summary"

/** The matched variant, with Unmatch; or the matcher's suggestion and a variant search to match. */
export const ListingMatchSection = ({ listing }: { listing: Listing }) => {
  const match = useMatchListings()
  const prompt = usePrompt()
  const [changing, setChanging] = useState(false)
  const [picked, setPicked] = useState<PickedVariant | null>(null)
  const names = useVariantsById(listing.match_suggestion ? [listing.match_suggestion.variant_id] : [])

  const save = (variantId: string | null, done: string) =>
    match.mutate(
      { matches: [{ listing_id: listing.id, variant_id: variantId }] },
      {
        onSuccess: () => {
          toast.success(done)
          setChanging(false)
          setPicked(null)
        },
        onError: (error) => toast.error(errorMessage(error, `Listing ${listing.channel_sku} could not be matched`)),
      }
    )

  const unmatch = async () => {
    const confirmed = await prompt({
      title: `Unmatch ${listing.channel_sku}?`,
      description: "The listing shows 0 and its stock updates turn off until it is matched again.",
      confirmText: "Unmatch",
      cancelText: "Cancel",
    })
    if (confirmed) {
      save(null, `Listing ${listing.channel_sku} unmatched`)
    }
  }

  const suggestion = listing.match_suggestion
  return (
    <div className="flex flex-col gap-y-3" data-section="listing-match">
      {listing.variant_id ? (
        <div className="flex items-center justify-between gap-x-3">
          <Text size="small" data-testid="listing-matched-variant">
            {listing.variant ? variantLabel(listing.variant) : `Missing variant ${listing.variant_id}`}
          </Text>
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" type="button" onClick={() => setChanging(!changing)}>
              {changing ? "Keep" : "Change"}
            </Button>
            <Button size="small" variant="secondary" type="button" isLoading={match.isPending} onClick={unmatch} data-action="unmatch-listing">
              Unmatch
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall" color="orange">
            Unmatched
          </Badge>
          <Text size="small" className="text-ui-fg-subtle">
            The channel is told 0 until a variant is chosen.
          </Text>
        </div>
      )}
      {!listing.variant_id && suggestion ? (
        <div className="bg-ui-bg-subtle flex items-start justify-between gap-x-3 rounded-md px-3 py-2">
          <SuggestionSummary suggestion={suggestion} label={names.get(suggestion.variant_id)} />
          <Button
            size="small"
            variant="secondary"
            type="button"
            isLoading={match.isPending}
            data-action="accept-suggestion"
            onClick={() => save(suggestion.variant_id, `Listing ${listing.channel_sku} matched`)}
          >
            Accept
          </Button>
        </div>
      ) : null}
      {!listing.variant_id || changing ? (
        <div className="flex flex-col gap-y-2">
          <VariantPicker id="listing-drawer-variant-search" value={picked} onChange={setPicked} />
          <div className="flex justify-end">
            <Button
              size="small"
              type="button"
              disabled={!picked}
              isLoading={match.isPending}
              data-action="match-listing"
              onClick={() => picked && save(picked.id, `Listing ${listing.channel_sku} matched to ${picked.label}`)}
            >
              Match
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
