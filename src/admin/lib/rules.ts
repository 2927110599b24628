import type { PartialRules } from "./types"

export type RuleKey = keyof PartialRules

export type RuleField = {
  key: RuleKey
  label: string
  hint: string
  max?: number
  integer: boolean
  /** Set on rules whose explicit null means something (no cap, use stock); it names that choice. */
  nullLabel?: string
}

export const RULE_FIELDS: RuleField[] = [
  { key: "allocation_percentage", label: "Allocation %", hint: "Share of sellable stock offered, 0–100.", max: 100, integer: false },
  { key: "buffer", label: "Buffer", hint: "Units held back after allocation.", integer: true },
  { key: "zero_out_threshold", label: "Zero-out threshold", hint: "At or below this many units the channel is told 0.", integer: true },
  { key: "max_quantity", label: "Max quantity", hint: "Never list more than this.", integer: true, nullLabel: "No cap" },
  { key: "backorder_quantity", label: "Backorder quantity", hint: "Listed for variants that allow backorders.", integer: true, nullLabel: "Use stock" },
  { key: "unmanaged_quantity", label: "Unmanaged quantity", hint: "Listed for variants without inventory management.", integer: true },
]

/** "" inherits the default, null is an explicit null (only for `nullLabel` rules), digits are a value. */
export type RulesDraft = Record<RuleKey, string | null>

export function draftFromRules(rules: PartialRules | null | undefined): RulesDraft {
  const draft = {} as RulesDraft
  for (const field of RULE_FIELDS) {
    const value = rules?.[field.key]
    draft[field.key] = value === undefined ? "" : value === null ? null : String(value)
  }
  return draft
}

export type RulesParseResult =
  | { ok: true; rules: PartialRules | null }
  | { ok: false; errors: Partial<Record<RuleKey, string>> }

/** Omits inherited rules; answers `rules: null` when nothing is set, which clears the channel's rules. */
export function rulesFromDraft(draft: RulesDraft): RulesParseResult {
  const rules: Record<string, number | null> = {}
  const errors: Partial<Record<RuleKey, string>> = {}
  for (const field of RULE_FIELDS) {
    const raw = draft[field.key]
    if (raw === null) {
      rules[field.key] = null
      continue
    }
    if (raw.trim() === "") {
      continue
    }
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0 || (field.integer && !Number.isInteger(value))) {
      errors[field.key] = field.integer ? "Enter a whole number of 0 or more" : "Enter a number of 0 or more"
    } else if (field.max !== undefined && value > field.max) {
      errors[field.key] = `At most ${field.max}`
    } else {
      rules[field.key] = value
    }
  }
  if (Object.keys(errors).length) {
    return { ok: false, errors }
  }
  return { ok: true, rules: Object.keys(rules).length ? (rules as PartialRules) : null }
}

export function describeRule(field: RuleField, rules: PartialRules | null | undefined): string | null {
  const value = rules?.[field.key]
  if (value === undefined) {
    return null
  }
  if (value === null) {
    return field.nullLabel ?? "None"
  }
  return field.key === "allocation_percentage" ? `${value}%` : String(value)
}
