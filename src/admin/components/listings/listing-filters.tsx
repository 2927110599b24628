import { Input, Select } from "@medusajs/ui"

export type MatchedFilter = "all" | "matched" | "unmatched"

type Props = {
  q: string
  matched: MatchedFilter
  onQChange: (q: string) => void
  onMatchedChange: (matched: MatchedFilter) => void
}

export const ListingFilters = ({ q, matched, onQChange, onMatchedChange }: Props) => (
  <div className="flex flex-wrap items-center gap-2 px-6 py-4">
    <div className="w-full max-w-[320px]">
      <Input
        type="search"
        size="small"
        name="q"
        aria-label="Search listings"
        placeholder="Search SKU, product id or title"
        value={q}
        onChange={(event) => onQChange(event.target.value)}
      />
    </div>
    <div className="w-[160px]">
      <Select size="small" name="matched" value={matched} onValueChange={(value) => onMatchedChange(value as MatchedFilter)}>
        <Select.Trigger aria-label="Matched filter">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value="all">All listings</Select.Item>
          <Select.Item value="matched">Matched</Select.Item>
          <Select.Item value="unmatched">Unmatched</Select.Item>
        </Select.Content>
      </Select>
    </div>
  </div>
)

export function matchedQuery(matched: MatchedFilter): boolean | undefined {
  return matched === "all" ? undefined : matched === "matched"
}
