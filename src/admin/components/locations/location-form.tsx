import { Alert, Button, Drawer, Input, toast } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { useCreateChannelLocation, useUpdateChannelLocation } from "../../hooks/use-channel-locations"
import { errorMessage } from "../../lib/errors"
import type { ChannelLocation } from "../../lib/types"
import { FormField } from "../common/form-field"
import { StockLocationChecklist } from "./stock-location-checklist"

const FORM_ID = "channel-location-form"

type Props = { channelId: string; location: ChannelLocation | null; onDone: () => void }

/** Creates a channel location, or edits `location` when given. Rendered inside a Drawer. */
export const LocationForm = ({ channelId, location, onDone }: Props) => {
  const create = useCreateChannelLocation(channelId)
  const update = useUpdateChannelLocation(channelId)
  const [externalId, setExternalId] = useState(location?.external_id ?? "")
  const [code, setCode] = useState(location?.code ?? "")
  const [name, setName] = useState(location?.name ?? "")
  const [stockLocationIds, setStockLocationIds] = useState<string[]>(location?.stock_location_ids ?? [])
  const [error, setError] = useState<string | null>(null)

  const callbacks = {
    onSuccess: () => {
      toast.success(location ? "Location updated" : "Location added")
      onDone()
    },
    onError: (failure: unknown) => {
      const message = errorMessage(failure, "The location could not be saved")
      setError(message)
      toast.error(message)
    },
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!stockLocationIds.length) {
      setError("Choose at least one stock location")
      return
    }
    setError(null)
    const body = {
      external_id: externalId.trim(),
      code: code.trim(),
      name: name.trim() || null,
      stock_location_ids: stockLocationIds,
    }
    if (location) {
      update.mutate({ id: location.id, body }, callbacks)
    } else {
      create.mutate(body, callbacks)
    }
  }

  return (
    <>
      <Drawer.Body className="overflow-y-auto">
        <form id={FORM_ID} onSubmit={submit} className="flex flex-col gap-y-4">
          {error ? <Alert variant="error">{error}</Alert> : null}
          <FormField id="location-external-id" label="External ID" hint="The marketplace's own id for this warehouse.">
            <Input id="location-external-id" name="external_id" required value={externalId} onChange={(e) => setExternalId(e.target.value)} />
          </FormField>
          <FormField id="location-code" label="Code">
            <Input id="location-code" name="code" required maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} />
          </FormField>
          <FormField id="location-name" label="Name" optional>
            <Input id="location-name" name="name" value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField id="location-stock-locations" label="Stock locations" hint="Their stock is summed into this channel location.">
            <StockLocationChecklist value={stockLocationIds} onChange={setStockLocationIds} />
          </FormField>
        </form>
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" form={FORM_ID} isLoading={create.isPending || update.isPending}>
          Save
        </Button>
      </Drawer.Footer>
    </>
  )
}
