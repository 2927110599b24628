import type { ChannelErrorShape } from "../../../lib/provider"
import type { Settlement } from "./outbox"

/** The code shown in the sync log: the channel's own code, else the error kind. */
const errorCode = (error: ChannelErrorShape) => error.code ?? error.kind.toUpperCase()

/** What a settlement changes on its sync record (see SETTLE_SYNC_RECORDS; null keeps a column). */
export function recordUpdate(s: Settlement) {
  const base = { id: s.target.record_id, status: null, quantity: null, attempts: null, set_error: false, error_code: null, error_message: null, note: null, submission_id: null, submitted: false, completed: false }
  switch (s.outcome) {
    case "success":
      return { ...base, status: "success", quantity: s.quantity, set_error: true, note: s.note ?? null, completed: true }
    case "submitted":
      return { ...base, status: "submitted", submission_id: s.submission_id, submitted: true }
    case "retry":
      return { ...base, attempts: s.attempts, set_error: true, error_code: errorCode(s.error), error_message: s.error.message }
    case "error":
      return { ...base, status: "error", attempts: s.attempts, set_error: true, error_code: errorCode(s.error), error_message: s.error.message, completed: true }
    case "skipped":
      return { ...base, status: "skipped", set_error: true, error_code: s.code, error_message: s.message, completed: true }
    case "deferred":
      return { ...base, status: "deferred", attempts: Math.max(0, s.target.attempts - 1), set_error: true, error_code: s.code, error_message: s.message }
  }
}
