import type { UIMatch } from "react-router-dom"
import { useChannel } from "../../hooks/use-channels"

/** Shares the page's cached channel, so the crumb follows a rename without another request. */
export const ChannelBreadcrumb = ({ params }: UIMatch) => {
  const { data } = useChannel(params.id ?? "")
  return <>{data?.channel.name ?? "Channel"}</>
}
