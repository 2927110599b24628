import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { testChannelConnectionStep } from "./steps/test-channel-connection"

export const testChannelConnectionWorkflowId = "mkt-test-channel-connection"

export const testChannelConnectionWorkflow = createWorkflow(
  testChannelConnectionWorkflowId,
  (input: { channel_id: string }) => new WorkflowResponse(testChannelConnectionStep(input.channel_id))
)
