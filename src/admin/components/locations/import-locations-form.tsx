import { Alert, Button, Drawer, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useChannelLocations, useImportLocations, useRemoteLocations } from "../../hooks/use-channel-locations"
import { errorMessage } from "../../lib/errors"
import { plural } from "../../lib/format"
import type { RemoteLocation } from "../../lib/types"
import { SectionLoading } from "../common/query-state"
import { type ImportDraft, ImportLocationFields } from "./import-location-fields"
import { RemoteLocationsTable } from "./remote-locations-table"

type Props = { channelId: string; onDone: () => void }

/**
 * Lists the channel's own locations (read live with the saved credentials); the admin ticks the
 * ones to import and ties each to Medusa stock locations. Rendered inside a Drawer.
 */
export const ImportLocationsForm = ({ channelId, onDone }: Props) => {
  const remote = useRemoteLocations(channelId)
  const mapped = useChannelLocations(channelId)
  const importLocations = useImportLocations(channelId)
  const [drafts, setDrafts] = useState<Map<string, ImportDraft>>(new Map())
  const [error, setError] = useState<string | null>(null)

  const locations = remote.data?.locations ?? []
  const mappedCodes = useMemo(() => new Map((mapped.data?.locations ?? []).map((l) => [l.id, l.code])), [mapped.data])
  const chosen = locations.filter((location) => drafts.has(location.id))

  const toggle = (location: RemoteLocation, checked: boolean) => {
    const next = new Map(drafts)
    if (checked) {
      next.set(location.id, { code: location.code, stock_location_ids: [] })
    } else {
      next.delete(location.id)
    }
    setDrafts(next)
  }

  const submit = () => {
    const unfed = chosen.find((location) => !drafts.get(location.id)!.stock_location_ids.length)
    if (unfed) {
      setError(`Choose at least one stock location for ${unfed.name}`)
      return
    }
    setError(null)
    const body = chosen.map((location) => {
      const draft = drafts.get(location.id)!
      return { id: location.id, code: draft.code.trim() || undefined, stock_location_ids: draft.stock_location_ids }
    })
    importLocations.mutate(body, {
      onSuccess: ({ locations: created, skipped }) => {
        toast.success(`${plural(created.length, "location")} imported`, {
          description: skipped.length ? `${plural(skipped.length, "location")} mapped already, left as they are` : undefined,
        })
        onDone()
      },
      onError: (failure) => {
        const message = errorMessage(failure, "The locations could not be imported")
        setError(message)
        toast.error(message)
      },
    })
  }

  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
        {error ? <Alert variant="error">{error}</Alert> : null}
        {remote.isPending ? (
          <SectionLoading />
        ) : remote.isError ? (
          <Alert variant="error" data-testid="remote-locations-error">
            {errorMessage(remote.error, "The channel's locations could not be read")}
          </Alert>
        ) : !locations.length ? (
          <Text size="small" className="text-ui-fg-subtle">
            The channel lists no locations.
          </Text>
        ) : (
          <>
            <RemoteLocationsTable locations={locations} selected={new Set(drafts.keys())} onToggle={toggle} mappedCodes={mappedCodes} />
            {chosen.map((location) => (
              <ImportLocationFields
                key={location.id}
                location={location}
                index={locations.indexOf(location)}
                draft={drafts.get(location.id)!}
                onChange={(draft) => setDrafts(new Map(drafts).set(location.id, draft))}
              />
            ))}
          </>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Cancel
          </Button>
        </Drawer.Close>
        <Button
          size="small"
          type="button"
          data-action="import-locations"
          disabled={!chosen.length}
          isLoading={importLocations.isPending}
          onClick={submit}
        >
          {chosen.length ? `Import ${plural(chosen.length, "location")}` : "Import"}
        </Button>
      </Drawer.Footer>
    </>
  )
}
