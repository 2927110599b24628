import { Input, Switch } from "@medusajs/ui"
import type { SettingField, SettingValue } from "../../lib/types"
import { FormField } from "../common/form-field"

type Props = {
  fields: SettingField[] | null | undefined
  /** What the form shows: the channel's values (with defaults) or what was typed. */
  values: Record<string, SettingValue>
  onChange: (values: Record<string, SettingValue>) => void
  idPrefix: string
}

/**
 * One control per channel setting the provider declares (a switch for yes/no, a number input),
 * named `settings.<field>`. Nothing renders for providers without settings.
 */
export const SettingInputs = ({ fields, values, onChange, idPrefix }: Props) => (
  <>
    {(fields ?? []).map((field) => {
      const id = `${idPrefix}-setting-${field.name}`
      const value = values[field.name] ?? field.default
      if (field.type === "boolean") {
        return (
          <FormField key={field.name} id={id} label={field.label} hint={field.description}>
            <Switch
              id={id}
              name={`settings.${field.name}`}
              checked={value === true}
              onCheckedChange={(checked) => onChange({ ...values, [field.name]: checked })}
            />
          </FormField>
        )
      }
      return (
        <FormField key={field.name} id={id} label={field.label} hint={field.description}>
          <Input
            id={id}
            name={`settings.${field.name}`}
            type="number"
            min={field.min}
            max={field.max}
            value={String(value)}
            onChange={(event) => onChange({ ...values, [field.name]: event.target.value === "" ? field.default : Number(event.target.value) })}
          />
        </FormField>
      )
    })}
  </>
)

/** The settings that differ from `base` (what to send), or undefined when none do. */
export function changedSettings(values: Record<string, SettingValue>, base: Record<string, SettingValue>): Record<string, SettingValue> | undefined {
  const changed = Object.fromEntries(Object.entries(values).filter(([name, value]) => base[name] !== value))
  return Object.keys(changed).length ? changed : undefined
}
