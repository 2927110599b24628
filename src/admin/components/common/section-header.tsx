import { Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  title: string
  level?: "h1" | "h2"
  description?: ReactNode
  actions?: ReactNode
}

export const SectionHeader = ({ title, level = "h2", description, actions }: Props) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div>
      <Heading level={level}>{title}</Heading>
      {description ? (
        <Text size="small" className="text-ui-fg-subtle">
          {description}
        </Text>
      ) : null}
    </div>
    {actions ? <div className="flex items-center gap-x-2">{actions}</div> : null}
  </div>
)
