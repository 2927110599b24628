import { StatusBadge, Text } from "@medusajs/ui"

type Props = { enabled: boolean; reason?: string | null }

/** "Enabled" or "Disabled", a disabled badge followed by its reason. */
export const SyncStatusBadge = ({ enabled, reason }: Props) => {
  if (enabled) {
    return <StatusBadge color="green">Enabled</StatusBadge>
  }
  return (
    <div className="flex items-center gap-x-2">
      <StatusBadge color="orange">Disabled</StatusBadge>
      {reason ? (
        <Text size="small" className="text-ui-fg-subtle truncate" title={reason}>
          {reason}
        </Text>
      ) : null}
    </div>
  )
}
