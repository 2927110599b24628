import { Button, FocusModal, Heading, Text } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { CREATE_CHANNEL_FORM_ID, CreateChannelForm } from "./create-channel-form"

/** "Create" button and the full-screen form behind it; the form remounts empty on every open. */
export const CreateChannelModal = () => {
  const [open, setOpen] = useState(false)
  const [pending, setPending] = useState(false)
  const close = useCallback(() => setOpen(false), [])

  return (
    <FocusModal open={open} onOpenChange={setOpen}>
      <FocusModal.Trigger asChild>
        <Button size="small" variant="secondary">
          Create
        </Button>
      </FocusModal.Trigger>
      <FocusModal.Content>
        <FocusModal.Header>
          <FocusModal.Title asChild>
            <Heading level="h2">Create marketplace channel</Heading>
          </FocusModal.Title>
        </FocusModal.Header>
        <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto px-6 py-12">
          <FocusModal.Description asChild>
            <Text size="small" className="text-ui-fg-subtle mb-6 w-full max-w-[720px]">
              Connect one marketplace account. Credentials are stored encrypted and never shown again.
            </Text>
          </FocusModal.Description>
          {open ? <CreateChannelForm onCreated={close} onPendingChange={setPending} /> : null}
        </FocusModal.Body>
        <FocusModal.Footer>
          <div className="flex items-center justify-end gap-x-2">
            <FocusModal.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </FocusModal.Close>
            <Button size="small" type="submit" form={CREATE_CHANNEL_FORM_ID} isLoading={pending}>
              Save
            </Button>
          </div>
        </FocusModal.Footer>
      </FocusModal.Content>
    </FocusModal>
  )
}
