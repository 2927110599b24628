import { Alert, Drawer, Heading, Text } from "@medusajs/ui"
import { useStockLocationName } from "../../hooks/use-store-data"
import { formatDateTime } from "../../lib/format"
import { errorSummary } from "../../lib/sync-status"
import type { SyncLog } from "../../lib/types"
import { LabelValue } from "../common/label-value"
import { SyncRecordStatusBadge } from "../common/sync-record-status-badge"
import { BreakdownView } from "../listings/breakdown-view"
import { canForcePush, ForcePushButton } from "./force-push-button"

type Props = { log: SyncLog | null; onClose: () => void }

/** One push in full: what was sent, why, how it went, and the formula behind the quantity. */
export const SyncLogDrawer = ({ log, onClose }: Props) => (
  <Drawer open={log !== null} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content aria-describedby={undefined} data-sync-log-drawer={log?.id}>
      <Drawer.Header>
        <Drawer.Title>{log ? `Push of ${log.channel_sku}` : "Push"}</Drawer.Title>
      </Drawer.Header>
      <Drawer.Body className="overflow-y-auto">{log ? <SyncLogDetails log={log} /> : null}</Drawer.Body>
      {log && canForcePush(log) ? (
        <Drawer.Footer>
          <ForcePushButton log={log} onDone={onClose} />
        </Drawer.Footer>
      ) : null}
    </Drawer.Content>
  </Drawer>
)

const SyncLogDetails = ({ log }: { log: SyncLog }) => {
  const locationName = useStockLocationName()
  const error = errorSummary(log)

  return (
    <div className="flex flex-col gap-y-6">
      <div className="flex items-end justify-between gap-x-4">
        <div>
          <Text size="small" className="text-ui-fg-subtle">
            Quantity sent
          </Text>
          <Heading level="h2">{log.quantity}</Heading>
        </div>
        <SyncRecordStatusBadge status={log.status} />
      </div>
      {error && log.status === "error" ? <Alert variant="error">{error}</Alert> : null}
      {error && (log.status === "deferred" || log.status === "skipped") ? <Alert variant="info">{error}</Alert> : null}
      {log.note ? <Alert variant="warning">{log.note}</Alert> : null}

      <dl className="flex flex-col gap-y-1">
        <LabelValue label="Channel" value={log.channel ? `${log.channel.name} (${log.channel.code})` : log.channel_id} />
        <LabelValue label="Channel SKU" value={log.channel_sku} />
        <LabelValue label="Channel product id" value={log.channel_product_id ?? "-"} />
        <LabelValue label="SKU" value={log.variant_sku ?? "-"} />
        <LabelValue label="Location" value={log.location_code ?? "—"} />
        <LabelValue label="Trigger" value={log.trigger_event} />
        <LabelValue label="Trigger id" value={log.trigger_id ?? "-"} />
        <LabelValue label="Attempts" value={log.attempts} />
        <LabelValue label="Submission id" value={log.submission_id ?? "-"} />
        <LabelValue label="Created" value={formatDateTime(log.created_at)} />
        <LabelValue label="Submitted" value={formatDateTime(log.submitted_at)} />
        <LabelValue label="Completed" value={formatDateTime(log.completed_at)} />
        <LabelValue label="Updated" value={formatDateTime(log.updated_at)} />
        {log.archived ? <LabelValue label="Archived" value={formatDateTime(log.archived_at)} /> : null}
      </dl>

      <div className="flex flex-col gap-y-2">
        <Heading level="h3">Breakdown</Heading>
        {log.breakdown?.mode ? (
          <BreakdownView breakdown={log.breakdown} locationName={locationName} />
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            No breakdown was recorded for this push.
          </Text>
        )}
      </div>
    </div>
  )
}
