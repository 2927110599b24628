import { Badge, Container } from "@medusajs/ui"
import { describeRule, RULE_FIELDS } from "../../lib/rules"
import type { Channel } from "../../lib/types"
import { DetailRow } from "../common/detail-row"
import { SectionHeader } from "../common/section-header"
import { RulesDrawer } from "./rules-drawer"

export const RulesSection = ({ channel }: { channel: Channel }) => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Quantity rules"
      description="How sellable stock becomes the quantity this channel shows."
      actions={<RulesDrawer channel={channel} />}
    />
    {RULE_FIELDS.map((field) => {
      const value = describeRule(field, channel.rules)
      return (
        <DetailRow
          key={field.key}
          label={field.label}
          value={value ?? <Badge size="2xsmall" color="grey">Default</Badge>}
        />
      )
    })}
  </Container>
)
