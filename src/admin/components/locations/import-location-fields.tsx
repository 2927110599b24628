import { Input, Text } from "@medusajs/ui"
import type { RemoteLocation } from "../../lib/types"
import { FormField } from "../common/form-field"
import { StockLocationChecklist } from "./stock-location-checklist"

export type ImportDraft = { code: string; stock_location_ids: string[] }

type Props = {
  location: RemoteLocation
  /** Position in the list, for element ids: the channel's ids may hold any character. */
  index: number
  draft: ImportDraft
  onChange: (draft: ImportDraft) => void
}

/** Our code for one chosen location and the Medusa stock locations summed into it. */
export const ImportLocationFields = ({ location, index, draft, onChange }: Props) => {
  const prefix = `import-location-${index}`
  return (
    <div className="flex flex-col gap-y-3 rounded-md border px-4 py-3" data-import-location={location.id}>
      <Text size="small" weight="plus">
        {location.name}
      </Text>
      <FormField id={`${prefix}-code`} label="Code" hint="Defaults to the channel's code for it.">
        <Input
          id={`${prefix}-code`}
          name={`code-${index}`}
          maxLength={64}
          value={draft.code}
          onChange={(event) => onChange({ ...draft, code: event.target.value })}
        />
      </FormField>
      <FormField id={`${prefix}-stock-locations`} label="Stock locations" hint="Their stock is summed into this channel location.">
        <StockLocationChecklist
          idPrefix={`${prefix}-stock-location`}
          value={draft.stock_location_ids}
          onChange={(ids) => onChange({ ...draft, stock_location_ids: ids })}
        />
      </FormField>
    </div>
  )
}
