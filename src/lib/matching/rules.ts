/**
 * How a channel listing is matched to a variant, in the order the rules are tried. Only a rule
 * with full confidence is applied without a person; the others are suggestions.
 */
export type MatchRule = "exact_sku" | "normalized_sku" | "gtin" | "channel_product_id"

export const RULE_CONFIDENCE: Record<MatchRule, number> = {
  exact_sku: 1,
  channel_product_id: 1,
  gtin: 0.95,
  normalized_sku: 0.9,
}

export type MatchSuggestion = {
  variant_id: string
  /** The variant's SKU, to show next to the channel's. */
  sku: string | null
  rule: MatchRule
  confidence: number
  reason: string
}

export type MatchableVariant = {
  id: string
  sku: string | null
  barcode?: string | null
  ean?: string | null
  upc?: string | null
}

export type MatchableEntry = {
  sku: string
  gtin?: string | null
  channel_product_id?: string | null
}

export const DEFAULT_SKU_SEPARATORS = "-_./"

/**
 * A SKU as the matcher compares it: lower case, without spaces (surrounding or inner) and without
 * the channel's separator characters. "  Tshirt-M " and "TSHIRT M" both become "tshirtm".
 */
export function normalizeSku(sku: string, separators: string = DEFAULT_SKU_SEPARATORS): string {
  let out = ""
  for (const ch of sku.toLowerCase()) {
    if (!/\s/.test(ch) && !separators.includes(ch)) {
      out += ch
    }
  }
  return out
}

/**
 * A GTIN (GTIN-8, UPC-A 12, EAN-13, GTIN-14) as 14 digits when its check digit is right, else
 * null. Spaces and dashes are ignored; anything else makes it invalid.
 */
export function normalizeGtin(code: string | null | undefined): string | null {
  if (!code) {
    return null
  }
  const digits = code.replace(/[\s-]/g, "")
  if (!/^\d+$/.test(digits) || ![8, 12, 13, 14].includes(digits.length)) {
    return null
  }
  return gtinCheckDigitValid(digits) ? digits.padStart(14, "0") : null
}

/** GS1 check digit: weights 3 and 1 alternate from the right, starting with 3 next to the check digit. */
export function gtinCheckDigitValid(digits: string): boolean {
  const body = digits.slice(0, -1)
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i])
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1])
}

/** Variants by every key a rule compares, built once per run. */
export class VariantIndex {
  private readonly bySku = new Map<string, MatchableVariant>()
  private readonly byNormalized = new Map<string, MatchableVariant[]>()
  private readonly byGtin = new Map<string, MatchableVariant[]>()
  readonly size: number

  constructor(variants: Iterable<MatchableVariant>, private readonly separators: string = DEFAULT_SKU_SEPARATORS) {
    let size = 0
    for (const variant of variants) {
      size++
      if (variant.sku) {
        this.bySku.set(variant.sku, variant)
        push(this.byNormalized, normalizeSku(variant.sku, separators), variant)
      }
      const codes = new Set([variant.barcode, variant.ean, variant.upc].map(normalizeGtin).filter((c): c is string => !!c))
      codes.forEach((code) => push(this.byGtin, code, variant))
    }
    this.size = size
  }

  /**
   * The best match for a channel entry, by the rules in order: exact SKU, normalised SKU, GTIN
   * (check digit validated), then a channel product id another listing of the channel already
   * maps. A key that fits several variants suggests none (a person must choose).
   */
  suggest(entry: MatchableEntry, mappedProductIds?: Map<string, MatchableVariant>): MatchSuggestion | null {
    const exact = this.bySku.get(entry.sku)
    if (exact) {
      return suggestion(exact, "exact_sku", `Channel SKU "${entry.sku}" equals the variant's SKU`)
    }
    const normalized = normalizeSku(entry.sku, this.separators)
    const similar = normalized ? this.byNormalized.get(normalized) : undefined
    if (similar?.length === 1) {
      return suggestion(similar[0], "normalized_sku", `"${entry.sku}" equals the variant's SKU "${similar[0].sku}" ignoring case, spaces and "${this.separators}"`)
    }
    const gtin = normalizeGtin(entry.gtin)
    const byCode = gtin ? this.byGtin.get(gtin) : undefined
    if (byCode?.length === 1) {
      return suggestion(byCode[0], "gtin", `GTIN ${entry.gtin} equals the variant's barcode, EAN or UPC`)
    }
    const mapped = entry.channel_product_id ? mappedProductIds?.get(entry.channel_product_id) : undefined
    if (mapped) {
      return suggestion(mapped, "channel_product_id", `Channel product id ${entry.channel_product_id} is already matched to this variant`)
    }
    return null
  }

  /** Variant SKUs closest to `sku` (normalised edit distance), for "why isn't this syncing". */
  nearestSkus(sku: string, limit = 3): string[] {
    const target = normalizeSku(sku, this.separators)
    const scored: [number, string][] = []
    for (const [candidate] of this.bySku) {
      const distance = editDistance(target, normalizeSku(candidate, this.separators), 6)
      if (distance <= Math.max(2, Math.floor(target.length / 3))) {
        scored.push([distance, candidate])
      }
    }
    return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, limit).map(([, s]) => s)
  }
}

function suggestion(variant: MatchableVariant, rule: MatchRule, reason: string): MatchSuggestion {
  return { variant_id: variant.id, sku: variant.sku, rule, confidence: RULE_CONFIDENCE[rule], reason }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) {
    if (!list.includes(value)) list.push(value)
  } else {
    map.set(key, [value])
  }
}

/** Levenshtein distance, giving up (returning `cap + 1`) once it must exceed `cap`. */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) {
    return cap + 1
  }
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      best = Math.min(best, current[j])
    }
    if (best > cap) {
      return cap + 1
    }
    previous = current
  }
  return previous[b.length]
}
