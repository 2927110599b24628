import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { EXPORT_REQUESTED_EVENT } from "../workflows/marketplace/create-export"
import { generateExportWorkflow } from "../workflows/marketplace/generate-export"

/** Writes a requested export's workbook in the background. */
export default async function exportRequested({ event, container }: SubscriberArgs<{ id: string }>) {
  await generateExportWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: EXPORT_REQUESTED_EVENT,
  context: { subscriberId: "marketplace-sync-export-requested" },
}
