import { Checkbox, Input, Label } from "@medusajs/ui"
import type { RuleField } from "../../lib/rules"
import { FormField } from "../common/form-field"

type Props = {
  field: RuleField
  value: string | null
  error?: string
  onChange: (value: string | null) => void
}

/** Empty input inherits the default; rules with a meaningful null get a checkbox for it. */
export const RuleInput = ({ field, value, error, onChange }: Props) => {
  const id = `rule-${field.key}`
  const isNull = value === null
  return (
    <FormField id={id} label={field.label} hint={field.hint} error={error}>
      <Input
        id={id}
        name={`rules.${field.key}`}
        type="number"
        min={0}
        max={field.max}
        step={field.integer ? 1 : "any"}
        placeholder="Inherit"
        disabled={isNull}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
      />
      {field.nullLabel ? (
        <div className="flex items-center gap-x-2">
          <Checkbox
            id={`${id}-null`}
            checked={isNull}
            onCheckedChange={(checked) => onChange(checked === true ? null : "")}
          />
          <Label htmlFor={`${id}-null`} size="small">
            {field.nullLabel}
          </Label>
        </div>
      ) : null}
    </FormField>
  )
}
