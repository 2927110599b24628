import { providerTestKit } from "../../../testing"
import { shopifyHarness } from "./harness"

providerTestKit("Shopify (Admin GraphQL 2026-04 stand-in)", shopifyHarness())
