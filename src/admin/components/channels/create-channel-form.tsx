import { Alert, Input, Switch, Text, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useCreateChannel } from "../../hooks/use-channels"
import { useProviders } from "../../hooks/use-providers"
import { CODE_HINT, CODE_PATTERN, codeFromName, typedCredentials } from "../../lib/channel-form"
import { errorMessage } from "../../lib/errors"
import type { Channel, SettingValue } from "../../lib/types"
import { FormField } from "../common/form-field"
import { SectionError, SectionLoading } from "../common/query-state"
import { ConnectionCheck } from "./connection-check"
import { CredentialInputs } from "./credential-inputs"
import { changedSettings, SettingInputs } from "./setting-inputs"
import { OrderImportFields } from "./order-import-fields"
import { ProviderSelect } from "./provider-select"
import { SalesChannelSelect } from "./sales-channel-select"

export const CREATE_CHANNEL_FORM_ID = "create-marketplace-channel"

type Props = { onCreated: (channel: Channel) => void; onPendingChange: (pending: boolean) => void }

export const CreateChannelForm = ({ onCreated, onPendingChange }: Props) => {
  const providers = useProviders()
  const create = useCreateChannel()
  const [name, setName] = useState("")
  const [code, setCode] = useState("")
  const [codeTouched, setCodeTouched] = useState(false)
  const [providerId, setProviderId] = useState("")
  const [credentials, setCredentials] = useState<Record<string, string>>({})
  const [settings, setSettings] = useState<Record<string, SettingValue>>({})
  const [salesChannelId, setSalesChannelId] = useState<string | null>(null)
  const [syncEnabled, setSyncEnabled] = useState(true)
  const [disabledReason, setDisabledReason] = useState("")
  const [orderImport, setOrderImport] = useState(false)
  const [skuSeparators, setSkuSeparators] = useState("")
  const [serverError, setServerError] = useState<string | null>(null)

  const providerList = providers.data?.providers ?? []
  const provider = providerList.find((p) => p.id === providerId)

  // Most installs register a single provider; choosing it up front saves a click.
  useEffect(() => {
    if (!providerId && providerList.length) {
      setProviderId(providerList[0].id)
    }
  }, [providerId, providerList])

  useEffect(() => onPendingChange(create.isPending), [create.isPending, onPendingChange])

  const needsCredentials = provider?.credential_fields.some((field) => field.required) ?? false
  const codeError = code && !CODE_PATTERN.test(code) ? CODE_HINT : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    create.mutate(
      {
        name: name.trim(),
        code: code.trim(),
        provider_id: providerId,
        // An empty set still goes out when the provider requires fields, so the API names the missing one.
        credentials: typedCredentials(credentials) ?? (needsCredentials ? {} : undefined),
        settings: changedSettings(settings, Object.fromEntries((provider?.setting_fields ?? []).map((f) => [f.name, f.default]))),
        sales_channel_id: salesChannelId,
        sync_enabled: syncEnabled,
        ...(syncEnabled ? {} : { disabled_reason: disabledReason.trim() || null }),
        order_import_enabled: orderImport,
        ...(skuSeparators ? { sku_separators: skuSeparators } : {}),
      },
      {
        onSuccess: ({ channel }) => {
          toast.success(`Channel "${channel.name}" created`)
          onCreated(channel)
        },
        onError: (error) => {
          const message = errorMessage(error, "The channel could not be created")
          setServerError(message)
          toast.error(message)
        },
      }
    )
  }

  // No native `required`: the API's 400 names the missing field, and that message is shown here.
  return (
    <form id={CREATE_CHANNEL_FORM_ID} noValidate onSubmit={submit} className="flex w-full max-w-[720px] flex-col gap-y-6">
      {serverError ? <Alert variant="error">{serverError}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id="channel-name" label="Name">
          <Input
            id="channel-name"
            name="name"
            aria-required
            maxLength={200}
            value={name}
            onChange={(event) => {
              setName(event.target.value)
              if (!codeTouched) {
                setCode(codeFromName(event.target.value))
              }
            }}
          />
        </FormField>
        <FormField id="channel-code" label="Code" error={codeError} hint={CODE_HINT}>
          <Input
            id="channel-code"
            name="code"
            aria-required
            maxLength={64}
            value={code}
            onChange={(event) => {
              setCodeTouched(true)
              setCode(event.target.value)
            }}
          />
        </FormField>
      </div>
      <FormField id="channel-provider" label="Provider">
        {providers.isPending ? (
          <SectionLoading rows={1} />
        ) : providers.isError ? (
          <SectionError error={providers.error} onRetry={() => providers.refetch()} />
        ) : (
          <ProviderSelect
            id="channel-provider"
            providers={providerList}
            value={providerId}
            onChange={(next) => {
              // Each provider has its own credential form; values typed for another would be refused.
              setProviderId(next)
              setCredentials({})
              setSettings({})
            }}
          />
        )}
      </FormField>
      <div className="flex flex-col gap-y-4">
        <Text size="small" weight="plus">
          Credentials
        </Text>
        <CredentialInputs fields={provider?.credential_fields} values={credentials} onChange={setCredentials} />
        <ConnectionCheck providerId={provider?.id} credentials={credentials} />
      </div>
      {provider?.setting_fields?.length ? (
        <div className="flex flex-col gap-y-4">
          <Text size="small" weight="plus">
            Channel settings
          </Text>
          <SettingInputs idPrefix="channel" fields={provider.setting_fields} values={settings} onChange={setSettings} />
        </div>
      ) : null}
      <FormField id="channel-sales-channel" label="Sales channel" optional hint="Orders from the marketplace land here; its stock locations count when the channel has no location mapping.">
        <SalesChannelSelect id="channel-sales-channel" value={salesChannelId} onChange={setSalesChannelId} />
      </FormField>
      <OrderImportFields
        idPrefix="channel"
        orderImport={orderImport}
        onOrderImportChange={setOrderImport}
        skuSeparators={skuSeparators}
        onSkuSeparatorsChange={setSkuSeparators}
      />
      <div className="flex flex-col gap-y-4">
        <div className="flex items-center gap-x-3">
          <Switch id="channel-sync-enabled" name="sync_enabled" checked={syncEnabled} onCheckedChange={setSyncEnabled} />
          <label htmlFor="channel-sync-enabled">
            <Text size="small" weight="plus">
              Sync enabled
            </Text>
          </label>
        </div>
        {syncEnabled ? null : (
          <FormField id="channel-disabled-reason" label="Reason for disabling" optional>
            <Input
              id="channel-disabled-reason"
              name="disabled_reason"
              maxLength={500}
              value={disabledReason}
              onChange={(event) => setDisabledReason(event.target.value)}
            />
          </FormField>
        )}
      </div>
    </form>
  )
}
