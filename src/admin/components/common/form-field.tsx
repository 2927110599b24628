import { Hint, Label } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  id: string
  label: string
  optional?: boolean
  hint?: ReactNode
  error?: string | null
  children: ReactNode
}

/** Label, control, then a hint or the field's error, the way dashboard forms lay them out. */
export const FormField = ({ id, label, optional, hint, error, children }: Props) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
      {optional ? <span className="text-ui-fg-muted font-normal"> (optional)</span> : null}
    </Label>
    {children}
    {error ? <Hint variant="error">{error}</Hint> : hint ? <Hint>{hint}</Hint> : null}
  </div>
)
