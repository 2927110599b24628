import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { RECONCILIATION_REQUESTED_EVENT } from "../workflows/marketplace/create-reconciliation"
import { runReconciliationWorkflow } from "../workflows/marketplace/run-reconciliation"

/** Generates a requested reconciliation run in the background. */
export default async function reconciliationRequested({ event, container }: SubscriberArgs<{ id: string }>) {
  await runReconciliationWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: RECONCILIATION_REQUESTED_EVENT,
  context: { subscriberId: "marketplace-sync-reconciliation-requested" },
}
