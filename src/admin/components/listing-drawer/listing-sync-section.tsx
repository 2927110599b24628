import { Button, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useUpdateListing } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import { DISABLED_REASON_LABELS, PICKABLE_DISABLED_REASONS } from "../../lib/listing-form"
import type { Listing, ListingDisabledReason } from "../../lib/types"
import { FormField } from "../common/form-field"
import { SyncStatusBadge } from "../common/sync-status-badge"

/**
 * "Disable Stock Update" for one listing: off asks for a reason and a note, so the next person
 * knows whether it is safe to turn back on. An unmatched listing stays off until it is matched.
 */
export const ListingSyncSection = ({ listing }: { listing: Listing }) => {
  const update = useUpdateListing(listing.id)
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState<ListingDisabledReason>("manual")
  const [note, setNote] = useState("")

  const save = (body: { sync_enabled: boolean; disabled_reason: ListingDisabledReason | null; disabled_note: string | null }) =>
    update.mutate(body, {
      onSuccess: () => {
        toast.success(body.sync_enabled ? `Stock updates on for ${listing.channel_sku}` : `Stock updates off for ${listing.channel_sku}`)
        setAsking(false)
      },
      onError: (error) => toast.error(errorMessage(error, "Could not change stock updates")),
    })

  const onCheckedChange = (checked: boolean) => {
    if (checked && asking) {
      setAsking(false)
      return
    }
    if (checked) {
      save({ sync_enabled: true, disabled_reason: null, disabled_note: null })
      return
    }
    setReason("manual")
    setNote("")
    setAsking(true)
  }

  const unmatched = !listing.variant_id
  return (
    <div className="flex flex-col gap-y-3" data-section="listing-sync">
      <div className="flex items-center gap-x-3">
        <Switch
          id="listing-sync-switch"
          aria-label="Stock updates"
          checked={listing.sync_enabled && !asking}
          disabled={update.isPending || (unmatched && !listing.sync_enabled)}
          onCheckedChange={onCheckedChange}
        />
        <SyncStatusBadge
          enabled={listing.sync_enabled}
          reason={listing.disabled_reason ? DISABLED_REASON_LABELS[listing.disabled_reason] : null}
        />
      </div>
      {!listing.sync_enabled && listing.disabled_note ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="listing-disabled-note">
          {listing.disabled_note}
        </Text>
      ) : null}
      {unmatched && !listing.sync_enabled ? (
        <Text size="small" className="text-ui-fg-subtle">
          Match the listing to a variant to turn its stock updates on.
        </Text>
      ) : null}
      {asking ? (
        <div className="flex flex-col gap-y-3 rounded-md border px-3 py-3">
          <FormField id="listing-disabled-reason" label="Reason">
            <Select value={reason} onValueChange={(value) => setReason(value as ListingDisabledReason)} name="disabled_reason">
              <Select.Trigger id="listing-disabled-reason">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {PICKABLE_DISABLED_REASONS.map((value) => (
                  <Select.Item key={value} value={value}>
                    {DISABLED_REASON_LABELS[value]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </FormField>
          <FormField id="listing-disabled-note" label="Note" optional>
            <Textarea
              id="listing-disabled-note"
              name="disabled_note"
              maxLength={1_000}
              rows={2}
              placeholder="Supplier recall until March"
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </FormField>
          <div className="flex justify-end gap-x-2">
            <Button size="small" variant="secondary" type="button" onClick={() => setAsking(false)}>
              Cancel
            </Button>
            <Button
              size="small"
              type="button"
              isLoading={update.isPending}
              data-action="disable-listing"
              onClick={() => save({ sync_enabled: false, disabled_reason: reason, disabled_note: note.trim() || null })}
            >
              Turn stock updates off
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
