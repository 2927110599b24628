import {
  DEFAULT_QUANTITY_RULES,
  PartialRules,
  QuantityRules,
  RuleName,
  RuleSource,
} from "./types"

const RULE_NAMES = Object.keys(DEFAULT_QUANTITY_RULES) as RuleName[]

/**
 * Merges rule levels with precedence listing > channel > default. `undefined` means "not set at
 * this level"; `null` is a real value for the nullable rules (no cap, no back-order quantity).
 */
export function resolveRules(levels: {
  listing?: PartialRules | null
  channel?: PartialRules | null
  defaults?: PartialRules | null
}): { rules: QuantityRules; sources: Record<RuleName, RuleSource> } {
  const defaults = { ...DEFAULT_QUANTITY_RULES, ...stripUndefined(levels.defaults) }
  const rules = { ...defaults } as Record<RuleName, unknown>
  const sources = {} as Record<RuleName, RuleSource>

  for (const name of RULE_NAMES) {
    if (levels.listing && levels.listing[name] !== undefined) {
      rules[name] = levels.listing[name]
      sources[name] = "listing"
    } else if (levels.channel && levels.channel[name] !== undefined) {
      rules[name] = levels.channel[name]
      sources[name] = "channel"
    } else {
      sources[name] = "default"
    }
  }
  return { rules: rules as QuantityRules, sources }
}

function stripUndefined(rules?: PartialRules | null): PartialRules {
  if (!rules) {
    return {}
  }
  return Object.fromEntries(
    Object.entries(rules).filter(([, value]) => value !== undefined)
  ) as PartialRules
}
