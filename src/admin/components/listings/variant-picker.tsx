import { Button, clx, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { useVariantSearch } from "../../hooks/use-store-data"
import { variantLabel } from "../../lib/format"
import { SectionError, SectionLoading } from "../common/query-state"

export type PickedVariant = { id: string; label: string }

type Props = {
  value: PickedVariant | null
  onChange: (variant: PickedVariant | null) => void
  /** The search input's id, for a label; two pickers on one screen need their own. */
  id?: string
}

/** Searches variants by title or SKU and picks one; leaving it empty creates an unmatched listing. */
export const VariantPicker = ({ value, onChange, id = "listing-variant-search" }: Props) => {
  const [q, setQ] = useState("")
  const debounced = useDebouncedValue(q.trim())
  const { data, isPending, isError, error, refetch } = useVariantSearch(debounced)

  if (value) {
    return (
      <div className="flex items-center justify-between gap-x-2 rounded-md border px-3 py-2">
        <Text size="small">{value.label}</Text>
        <Button size="small" variant="transparent" type="button" onClick={() => onChange(null)}>
          Clear
        </Button>
      </div>
    )
  }

  return (
    <div className="flex flex-col gap-y-2">
      <Input
        id={id}
        type="search"
        size="small"
        name="variant_q"
        placeholder="Search variants by title or SKU"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      {isPending ? (
        <SectionLoading rows={2} />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.variants.length ? (
        <Text size="small" className="text-ui-fg-subtle">
          No variants found
        </Text>
      ) : (
        <ul className="flex max-h-[240px] flex-col overflow-y-auto rounded-md border">
          {data.variants.map((variant) => {
            const label = variantLabel(variant)
            return (
              <li key={variant.id}>
                <button
                  type="button"
                  data-variant-sku={variant.sku ?? undefined}
                  className={clx("hover:bg-ui-bg-base-hover w-full px-3 py-2 text-left")}
                  onClick={() => onChange({ id: variant.id, label })}
                >
                  <Text size="small">{label}</Text>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
