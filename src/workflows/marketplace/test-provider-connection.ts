import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type TestProviderConnectionInput, testProviderConnectionStep } from "./steps/test-provider-connection"

export const testProviderConnectionWorkflowId = "mkt-test-provider-connection"

/**
 * Tests credentials that are not saved yet. The input holds secrets: the workflow must stay
 * unstored (no retention time, idempotency, timeouts or async steps), so they never reach the
 * workflow engine's storage.
 */
export const testProviderConnectionWorkflow = createWorkflow(
  testProviderConnectionWorkflowId,
  (input: TestProviderConnectionInput) => new WorkflowResponse(testProviderConnectionStep(input))
)
