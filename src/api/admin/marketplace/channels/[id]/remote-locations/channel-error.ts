import type { ChannelErrorShape } from "../../../../../../lib/provider"

/**
 * A channel's refusal as a 502 body, in Medusa's error shape plus the channel's kind and code, so
 * the admin shows the channel's own words.
 */
export function channelErrorBody(error: ChannelErrorShape) {
  return {
    type: "channel_error",
    message: error.message,
    kind: error.kind,
    ...(error.code ? { code: error.code } : {}),
  }
}
