import { Alert, Button, Drawer, Input, Text, toast } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { useUpdateChannel } from "../../hooks/use-channels"
import { useProviders } from "../../hooks/use-providers"
import { CODE_HINT, CODE_PATTERN, typedCredentials } from "../../lib/channel-form"
import { errorMessage } from "../../lib/errors"
import type { Channel, SettingValue } from "../../lib/types"
import { ConnectionCheck } from "../channels/connection-check"
import { CredentialInputs } from "../channels/credential-inputs"
import { changedSettings, SettingInputs } from "../channels/setting-inputs"
import { OrderImportFields } from "../channels/order-import-fields"
import { SalesChannelSelect } from "../channels/sales-channel-select"
import { FormField } from "../common/form-field"

const FORM_ID = "edit-marketplace-channel"

type FormProps = { channel: Channel; onDone: () => void }

const EditChannelForm = ({ channel, onDone }: FormProps) => {
  const update = useUpdateChannel(channel.id)
  const providers = useProviders()
  const provider = providers.data?.providers.find((p) => p.id === channel.provider_id)
  const [name, setName] = useState(channel.name)
  const [code, setCode] = useState(channel.code)
  const [salesChannelId, setSalesChannelId] = useState(channel.sales_channel_id)
  const [orderImport, setOrderImport] = useState(channel.order_import_enabled)
  const [skuSeparators, setSkuSeparators] = useState(channel.sku_separators ?? "")
  const [credentials, setCredentials] = useState<Record<string, string>>({})
  const [settings, setSettings] = useState<Record<string, SettingValue>>(channel.settings ?? {})
  const [serverError, setServerError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    const replacement = typedCredentials(credentials)
    const changedSettingValues = changedSettings(settings, channel.settings ?? {})
    const changes = {
      ...(name.trim() !== channel.name ? { name: name.trim() } : {}),
      ...(code.trim() !== channel.code ? { code: code.trim() } : {}),
      ...(salesChannelId !== channel.sales_channel_id ? { sales_channel_id: salesChannelId } : {}),
      ...(orderImport !== channel.order_import_enabled ? { order_import_enabled: orderImport } : {}),
      ...((skuSeparators || null) !== channel.sku_separators ? { sku_separators: skuSeparators || null } : {}),
      ...(replacement ? { credentials: replacement } : {}),
      ...(changedSettingValues ? { settings: changedSettingValues } : {}),
    }
    if (!Object.keys(changes).length) {
      onDone()
      return
    }
    update.mutate(
      changes,
      {
        onSuccess: () => {
          toast.success("Channel updated")
          onDone()
        },
        onError: (error) => {
          const message = errorMessage(error, "The channel could not be updated")
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
          <FormField id="edit-channel-name" label="Name">
            <Input id="edit-channel-name" name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField id="edit-channel-code" label="Code" hint={CODE_HINT} error={code && !CODE_PATTERN.test(code) ? CODE_HINT : null}>
            <Input id="edit-channel-code" name="code" required maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} />
          </FormField>
          <FormField id="edit-channel-sales-channel" label="Sales channel" optional>
            <SalesChannelSelect id="edit-channel-sales-channel" value={salesChannelId} onChange={setSalesChannelId} />
          </FormField>
          <OrderImportFields
            idPrefix="edit-channel"
            orderImport={orderImport}
            onOrderImportChange={setOrderImport}
            skuSeparators={skuSeparators}
            onSkuSeparatorsChange={setSkuSeparators}
          />
          <SettingInputs idPrefix="edit-channel" fields={provider?.setting_fields} values={settings} onChange={setSettings} />
          <div className="flex flex-col gap-y-4 pt-2">
            <div>
              <Text size="small" weight="plus">
                Replace credentials
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                Leave empty to keep the stored credentials. New values replace the whole set.
              </Text>
            </div>
            <CredentialInputs
              fields={provider?.credential_fields}
              values={credentials}
              onChange={setCredentials}
              stored={channel.credentials}
              requireFields={false}
            />
            <ConnectionCheck providerId={channel.provider_id} credentials={credentials} channelId={channel.id} />
          </div>
        </form>
      </Drawer.Body>
      <Drawer.Footer>
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

export const EditChannelDrawer = ({ channel }: { channel: Channel }) => {
  const [open, setOpen] = useState(false)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Edit
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>Edit channel</Drawer.Title>
        </Drawer.Header>
        {open ? <EditChannelForm channel={channel} onDone={() => setOpen(false)} /> : null}
      </Drawer.Content>
    </Drawer>
  )
}
