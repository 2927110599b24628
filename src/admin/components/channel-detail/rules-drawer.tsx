import { Button, Drawer, Text, toast } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { useUpdateChannel } from "../../hooks/use-channels"
import { errorMessage } from "../../lib/errors"
import { draftFromRules, type RuleKey, rulesFromDraft } from "../../lib/rules"
import type { Channel } from "../../lib/types"
import { RulesFields } from "../common/rules-fields"

const FORM_ID = "edit-channel-rules"

const RulesForm = ({ channel, onDone }: { channel: Channel; onDone: () => void }) => {
  const update = useUpdateChannel(channel.id)
  const [draft, setDraft] = useState(() => draftFromRules(channel.rules))
  const [errors, setErrors] = useState<Partial<Record<RuleKey, string>>>({})

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = rulesFromDraft(draft)
    if (!parsed.ok) {
      setErrors(parsed.errors)
      return
    }
    setErrors({})
    update.mutate(
      { rules: parsed.rules },
      {
        onSuccess: () => {
          toast.success("Quantity rules saved")
          onDone()
        },
        onError: (error) => toast.error(errorMessage(error, "The rules could not be saved")),
      }
    )
  }

  return (
    <>
      <Drawer.Body className="overflow-y-auto">
        <form id={FORM_ID} onSubmit={submit} className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            Leave a field empty to inherit the plugin default. Listings can override these rules.
          </Text>
          <RulesFields draft={draft} errors={errors} onChange={setDraft} />
        </form>
      </Drawer.Body>
      <Drawer.Footer>
        <Button
          size="small"
          variant="secondary"
          type="button"
          onClick={() => setDraft(draftFromRules(null))}
        >
          Clear all
        </Button>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" form={FORM_ID} isLoading={update.isPending}>
          Save
        </Button>
      </Drawer.Footer>
    </>
  )
}

export const RulesDrawer = ({ channel }: { channel: Channel }) => {
  const [open, setOpen] = useState(false)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Edit rules
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>Quantity rules</Drawer.Title>
        </Drawer.Header>
        {open ? <RulesForm channel={channel} onDone={() => setOpen(false)} /> : null}
      </Drawer.Content>
    </Drawer>
  )
}
