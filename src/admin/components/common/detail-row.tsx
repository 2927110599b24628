import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = { label: string; value: ReactNode }

export const DetailRow = ({ label, value }: Props) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    {typeof value === "string" || typeof value === "number" ? (
      <Text size="small" leading="compact" className="whitespace-pre-line break-words">
        {value === "" ? "-" : value}
      </Text>
    ) : (
      <div>{value ?? "-"}</div>
    )}
  </div>
)
