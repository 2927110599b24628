import { Input } from "@medusajs/ui"
import { credentialFieldsOf } from "../../lib/channel-form"
import type { CredentialField } from "../../lib/types"
import { FormField } from "../common/form-field"

type Props = {
  fields: CredentialField[] | null | undefined
  values: Record<string, string>
  onChange: (values: Record<string, string>) => void
  /** Masked stored values, shown as placeholders when replacing credentials. */
  stored?: Record<string, string> | null
  /** On edit every field is optional: empty means "keep what is stored". */
  requireFields?: boolean
}

/** One input per field of the provider's credential form, named `credentials.<field>`. */
export const CredentialInputs = ({ fields, values, onChange, stored, requireFields = true }: Props) => (
  <>
    {credentialFieldsOf(fields).map((field) => {
      const id = `credentials-${field.name}`
      return (
        <FormField
          key={field.name}
          id={id}
          label={field.label}
          optional={!requireFields || !field.required}
          hint={field.description}
        >
          <Input
            id={id}
            name={`credentials.${field.name}`}
            type={field.secret ? "password" : "text"}
            autoComplete="off"
            aria-required={requireFields && field.required}
            placeholder={stored?.[field.name] ?? undefined}
            value={values[field.name] ?? ""}
            onChange={(event) => onChange({ ...values, [field.name]: event.target.value })}
          />
        </FormField>
      )
    })}
  </>
)
