import { Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import type { ReconciliationDetail } from "../../lib/types"

type Run = ReconciliationDetail["reconciliation"]

/** The channel at a glance: the run's counts, its progress while it runs, and stale listings. */
export const ReconciliationSummary = ({ run }: { run: Run }) => {
  const counts = run.counts ?? {}
  const running = run.status === "pending" || run.status === "running"
  const figures: [string, number | string][] = [
    ["Matches", counts.match ?? 0],
    ["Mismatches", counts.mismatch ?? 0],
    ["Edited on channel (drift)", counts.drift ?? 0],
    ["Missing on channel", counts.missing ?? 0],
    ["Errors", counts.error ?? 0],
    ["Not pushed for over 24 hours", run.stale_listings],
  ]
  return (
    <div className="flex flex-wrap items-start gap-x-8 gap-y-3 px-6 py-4" data-reconciliation-id={run.id} data-reconciliation-status={run.status}>
      {running ? (
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            Generating… {run.processed} of {run.total ?? "?"} listings
          </Text>
          <div className="bg-ui-bg-subtle h-2 w-[240px] overflow-hidden rounded-full">
            <div className="bg-ui-fg-interactive h-2" style={{ width: `${Math.round(run.progress * 100)}%` }} />
          </div>
        </div>
      ) : run.status === "failed" ? (
        <Text size="small" className="text-ui-fg-error" role="alert">
          The run failed: {run.error_message}
        </Text>
      ) : (
        figures.map(([label, value]) => (
          <div key={label} className="flex flex-col" data-summary={label}>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {label}
            </Text>
            <Text size="large" weight="plus">
              {value}
            </Text>
          </div>
        ))
      )}
      <Text size="xsmall" className="text-ui-fg-subtle ml-auto">
        Reconciled {formatDateTime(run.started_at ?? run.created_at)}
      </Text>
    </div>
  )
}
