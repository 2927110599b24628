import { Badge, Text } from "@medusajs/ui"
import type { MatchRule, MatchSuggestion } from "../../lib/types"

const RULE_LABELS: Record<MatchRule, string> = {
  exact_sku: "Exact SKU",
  normalized_sku: "Similar SKU",
  gtin: "GTIN",
  channel_product_id: "Product id",
}

type Props = {
  suggestion: MatchSuggestion
  /** The variant's name, once loaded; the SKU stands in meanwhile. */
  label?: string
}

/** The suggested variant, the rule that found it, its confidence and the matcher's reason. */
export const SuggestionSummary = ({ suggestion, label }: Props) => (
  <div className="flex min-w-0 flex-col gap-y-1" data-suggested-variant={suggestion.variant_id}>
    <div className="flex flex-wrap items-center gap-x-2">
      <Text size="small" weight="plus" className="truncate" title={label ?? suggestion.sku ?? suggestion.variant_id}>
        {label ?? suggestion.sku ?? suggestion.variant_id}
      </Text>
      <Badge size="2xsmall" color={suggestion.confidence >= 0.95 ? "green" : "orange"} data-testid="suggestion-confidence">
        {Math.round(suggestion.confidence * 100)}%
      </Badge>
      <Badge size="2xsmall" color="grey">
        {RULE_LABELS[suggestion.rule] ?? suggestion.rule}
      </Badge>
    </div>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {suggestion.reason}
    </Text>
  </div>
)
