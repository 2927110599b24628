import { Button, Input, Text, toast } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { useUpdateListing } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import { MAX_PACK_SIZE, parsePackSize } from "../../lib/listing-form"
import { draftFromRules, type RuleKey, rulesFromDraft } from "../../lib/rules"
import type { Listing, UpdateListingPayload } from "../../lib/types"
import { FormField } from "../common/form-field"
import { RulesFields } from "../common/rules-fields"

const FORM_ID = "edit-listing-settings"

const sameRules = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Pack size and the listing's own rule overrides; saving refreshes the quantity preview above. */
export const ListingSettingsForm = ({ listing }: { listing: Listing }) => {
  const update = useUpdateListing(listing.id)
  const [packSize, setPackSize] = useState(String(listing.pack_size))
  const [draft, setDraft] = useState(() => draftFromRules(listing.rules))
  const [packError, setPackError] = useState<string | null>(null)
  const [ruleErrors, setRuleErrors] = useState<Partial<Record<RuleKey, string>>>({})

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const pack = parsePackSize(packSize)
    const rules = rulesFromDraft(draft)
    setPackError(pack.ok ? null : pack.error)
    setRuleErrors(rules.ok ? {} : rules.errors)
    if (!pack.ok || !rules.ok) {
      return
    }
    const changes: UpdateListingPayload = {
      ...(pack.value !== listing.pack_size ? { pack_size: pack.value } : {}),
      ...(!sameRules(rules.rules, listing.rules) ? { rules: rules.rules } : {}),
    }
    if (!Object.keys(changes).length) {
      toast.info("Nothing changed")
      return
    }
    update.mutate(changes, {
      onSuccess: () => toast.success(`Listing ${listing.channel_sku} saved`),
      onError: (error) => toast.error(errorMessage(error, "The listing could not be saved")),
    })
  }

  return (
    <form id={FORM_ID} onSubmit={submit} className="flex flex-col gap-y-4" data-section="listing-settings">
      <FormField
        id="listing-pack-size"
        label="Pack size"
        hint="The channel sells a case of this many units; the quantity counts whole cases."
        error={packError}
      >
        <Input
          id="listing-pack-size"
          name="pack_size"
          type="number"
          min={1}
          max={MAX_PACK_SIZE}
          step={1}
          value={packSize}
          onChange={(event) => setPackSize(event.target.value)}
        />
      </FormField>
      <Text size="small" className="text-ui-fg-subtle">
        Rules set here win over the channel&apos;s; leave a field empty to inherit it.
      </Text>
      <RulesFields draft={draft} errors={ruleErrors} onChange={setDraft} />
      <div className="flex justify-end gap-x-2">
        <Button size="small" variant="secondary" type="button" onClick={() => setDraft(draftFromRules(null))}>
          Clear rules
        </Button>
        <Button size="small" type="submit" form={FORM_ID} isLoading={update.isPending} data-action="save-listing-settings">
          Save
        </Button>
      </div>
    </form>
  )
}
