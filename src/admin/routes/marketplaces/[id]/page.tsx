import { Container } from "@medusajs/ui"
import { type UIMatch, useParams } from "react-router-dom"
import { ChannelBreadcrumb } from "../../../components/channel-detail/channel-breadcrumb"
import { GeneralSection } from "../../../components/channel-detail/general-section"
import { RulesSection } from "../../../components/channel-detail/rules-section"
import { SectionError, SectionLoading } from "../../../components/common/query-state"
import { ListingsSection } from "../../../components/listings/listings-section"
import { LocationsSection } from "../../../components/locations/locations-section"
import { useChannel } from "../../../hooks/use-channels"

const ChannelDetailPage = () => {
  const { id = "" } = useParams()
  const { data, isPending, isError, error, refetch } = useChannel(id)

  if (isPending || isError) {
    return (
      <Container className="p-0">
        {isPending ? <SectionLoading rows={4} /> : <SectionError error={error} onRetry={() => refetch()} />}
      </Container>
    )
  }

  const { channel } = data
  return (
    <div className="flex flex-col gap-x-4 gap-y-3 xl:flex-row xl:items-start">
      <div className="flex w-full min-w-0 flex-col gap-y-3">
        <GeneralSection channel={channel} />
        <ListingsSection channelId={channel.id} />
      </div>
      <div className="flex w-full flex-col gap-y-3 xl:max-w-[440px]">
        <RulesSection channel={channel} />
        <LocationsSection channelId={channel.id} />
      </div>
    </div>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => <ChannelBreadcrumb {...match} />,
}

export default ChannelDetailPage
