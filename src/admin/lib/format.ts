export function formatDate(value: string | null | undefined): string {
  if (!value) {
    return "-"
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" })
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) {
    return "-"
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
}

/** "1 listing", "3 listings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`
}

/** Breakdown and rule keys are snake_case; people read "Zero out threshold". */
export function humanize(key: string): string {
  const words = key.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

type NamedVariant = {
  title?: string | null
  sku?: string | null
  /** As listings carry it. */
  product_title?: string | null
  /** As the variants API returns it. */
  product?: { title?: string | null } | null
}

/** "Demo T-Shirt · M · TSHIRT-M": how a variant is named everywhere in the plugin. */
export function variantLabel(variant: NamedVariant): string {
  return [variant.product_title ?? variant.product?.title, variant.title, variant.sku].filter(Boolean).join(" · ")
}
