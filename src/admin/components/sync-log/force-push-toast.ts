import { toast } from "@medusajs/ui"
import { errorMessage } from "../../lib/errors"
import { plural } from "../../lib/format"
import type { ForcePushResult } from "../../lib/types"

export function toastForcePushed({ queued }: ForcePushResult) {
  toast.success(`${plural(queued, "listing")} re-queued`)
}

export function toastForcePushFailed(error: unknown) {
  toast.error(errorMessage(error, "Force Push failed"))
}
