import { RULE_FIELDS, type RuleKey, type RulesDraft } from "../../lib/rules"
import { RuleInput } from "../channel-detail/rule-input"

type Props = {
  draft: RulesDraft
  errors: Partial<Record<RuleKey, string>>
  onChange: (draft: RulesDraft) => void
}

/** Every quantity rule as an input; the channel's rules and a listing's overrides share the form. */
export const RulesFields = ({ draft, errors, onChange }: Props) => (
  <>
    {RULE_FIELDS.map((field) => (
      <RuleInput
        key={field.key}
        field={field}
        value={draft[field.key]}
        error={errors[field.key]}
        onChange={(value) => onChange({ ...draft, [field.key]: value })}
      />
    ))}
  </>
)
