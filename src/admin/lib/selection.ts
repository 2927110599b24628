/** Ticked rows of a table page: the header box's state, and one row ticked or unticked. */
export function pageChecked(ids: string[], selected: ReadonlySet<string>): boolean | "indeterminate" {
  const ticked = ids.filter((id) => selected.has(id)).length
  return ticked === 0 ? false : ticked === ids.length ? true : "indeterminate"
}

export function withToggled(selected: ReadonlySet<string>, id: string, checked: boolean): Set<string> {
  const next = new Set(selected)
  if (checked) {
    next.add(id)
  } else {
    next.delete(id)
  }
  return next
}
