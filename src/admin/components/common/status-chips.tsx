import { Badge, Button } from "@medusajs/ui"

type Props<S extends string> = {
  statuses: readonly S[]
  labels: Record<S, string>
  selected: S[]
  counts: Partial<Record<S, number>> | null | undefined
  /** Shown red while it has rows (errors, mismatches). */
  alarm: S
  onChange: (selected: S[]) => void
}

/** Toggle chips with a count each; none pressed shows every status. */
export function StatusChips<S extends string>({ statuses, labels, selected, counts, alarm, onChange }: Props<S>) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Status filter">
      {statuses.map((status) => {
        const pressed = selected.includes(status)
        return (
          <Button
            key={status}
            type="button"
            size="small"
            variant={pressed ? "primary" : "secondary"}
            aria-pressed={pressed}
            data-status-filter={status}
            onClick={() => onChange(pressed ? selected.filter((s) => s !== status) : [...selected, status])}
          >
            {labels[status]}
            <Badge size="2xsmall" color={status === alarm && counts?.[status] ? "red" : "grey"} data-status-count={status}>
              {counts ? counts[status] ?? 0 : "–"}
            </Badge>
          </Button>
        )
      })}
    </div>
  )
}
