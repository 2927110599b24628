import { providerTestKit } from "../../../testing"
import { amazonHarness } from "./harness"

providerTestKit("Amazon (SP-API stand-in)", amazonHarness())
