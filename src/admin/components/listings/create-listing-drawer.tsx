import { Alert, Button, Drawer, Input, Text, toast } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { useCreateListing } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import { MAX_PACK_SIZE, parsePackSize } from "../../lib/listing-form"
import { draftFromRules, type RuleKey, rulesFromDraft } from "../../lib/rules"
import { FormField } from "../common/form-field"
import { RulesFields } from "../common/rules-fields"
import { type PickedVariant, VariantPicker } from "./variant-picker"

const FORM_ID = "create-marketplace-listing"

const CreateListingForm = ({ channelId, onDone }: { channelId: string; onDone: () => void }) => {
  const create = useCreateListing()
  const [sku, setSku] = useState("")
  const [productId, setProductId] = useState("")
  const [variant, setVariant] = useState<PickedVariant | null>(null)
  const [packSize, setPackSize] = useState("1")
  const [rulesDraft, setRulesDraft] = useState(() => draftFromRules(null))
  const [packError, setPackError] = useState<string | null>(null)
  const [ruleErrors, setRuleErrors] = useState<Partial<Record<RuleKey, string>>>({})
  const [serverError, setServerError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    const pack = parsePackSize(packSize)
    const rules = rulesFromDraft(rulesDraft)
    setPackError(pack.ok ? null : pack.error)
    setRuleErrors(rules.ok ? {} : rules.errors)
    if (!pack.ok || !rules.ok) {
      return
    }
    create.mutate(
      {
        channel_id: channelId,
        channel_sku: sku.trim(),
        ...(productId.trim() ? { channel_product_id: productId.trim() } : {}),
        ...(variant ? { variant_id: variant.id } : {}),
        pack_size: pack.value,
        ...(rules.rules ? { rules: rules.rules } : {}),
      },
      {
        onSuccess: ({ listing }) => {
          toast.success(`Listing ${listing.channel_sku} added`)
          onDone()
        },
        onError: (error) => {
          const message = errorMessage(error, "The listing could not be created")
          setServerError(message)
          toast.error(message)
        },
      }
    )
  }

  return (
    <>
      <Drawer.Body className="overflow-y-auto">
        <form id={FORM_ID} onSubmit={submit} className="flex flex-col gap-y-4">
          {serverError ? <Alert variant="error">{serverError}</Alert> : null}
          <FormField id="listing-channel-sku" label="Channel SKU">
            <Input id="listing-channel-sku" name="channel_sku" required maxLength={255} value={sku} onChange={(e) => setSku(e.target.value)} />
          </FormField>
          <FormField id="listing-channel-product-id" label="Channel product ID" optional hint="ASIN, offer id, product gid …">
            <Input
              id="listing-channel-product-id"
              name="channel_product_id"
              maxLength={255}
              value={productId}
              onChange={(e) => setProductId(e.target.value)}
            />
          </FormField>
          <FormField id="listing-variant-search" label="Variant" optional hint="Without a variant the listing is unmatched and shows 0.">
            <VariantPicker value={variant} onChange={setVariant} />
          </FormField>
          <FormField id="listing-pack-size" label="Pack size" hint="The channel sells a case of this many units." error={packError}>
            <Input
              id="listing-pack-size"
              name="pack_size"
              type="number"
              min={1}
              max={MAX_PACK_SIZE}
              step={1}
              value={packSize}
              onChange={(e) => setPackSize(e.target.value)}
            />
          </FormField>
          <Text size="small" className="text-ui-fg-subtle">
            Rules for this listing only; leave a field empty to use the channel&apos;s.
          </Text>
          <RulesFields draft={rulesDraft} errors={ruleErrors} onChange={setRulesDraft} />
        </form>
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" form={FORM_ID} isLoading={create.isPending}>
          Save
        </Button>
      </Drawer.Footer>
    </>
  )
}

export const CreateListingDrawer = ({ channelId }: { channelId: string }) => {
  const [open, setOpen] = useState(false)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Add listing
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>Add listing</Drawer.Title>
        </Drawer.Header>
        {open ? <CreateListingForm channelId={channelId} onDone={() => setOpen(false)} /> : null}
      </Drawer.Content>
    </Drawer>
  )
}
