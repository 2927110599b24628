import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** One `<dt>`/`<dd>` pair of a compact definition list; wrap several in a `<dl>`. */
export const LabelValue = ({ label, value }: { label: string; value: ReactNode }) => (
  <div className="grid grid-cols-2 gap-x-4">
    <dt>
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
    </dt>
    <dd>
      <Text size="small" as="div" className="break-words">
        {value}
      </Text>
    </dd>
  </div>
)
