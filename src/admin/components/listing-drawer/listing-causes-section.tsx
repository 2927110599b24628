import { Button, Text } from "@medusajs/ui"
import { useListingCauses } from "../../hooks/use-listings"
import type { SyncCause } from "../../lib/types"
import { SectionError, SectionLoading } from "../common/query-state"

/** "Why isn't this syncing?": every cause that applies now, each with what to do about it. */
export const ListingCausesSection = ({ listingId }: { listingId: string }) => {
  const { data, isPending, isError, error, refetch, isFetching } = useListingCauses(listingId)

  if (isPending) {
    return <SectionLoading rows={2} />
  }
  if (isError) {
    return <SectionError error={error} onRetry={() => refetch()} />
  }
  return (
    <div className="flex flex-col gap-y-2" data-section="listing-causes">
      {!data.causes.length ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="listing-no-causes">
          Nothing holds this listing back: the channel was told what the store can sell.
        </Text>
      ) : (
        <ul className="flex flex-col gap-y-2">
          {data.causes.map((cause) => (
            <CauseItem key={`${cause.code}-${cause.detail}`} cause={cause} />
          ))}
        </ul>
      )}
      <div className="flex justify-end">
        <Button size="small" variant="transparent" type="button" isLoading={isFetching} onClick={() => refetch()}>
          Check again
        </Button>
      </div>
    </div>
  )
}

const CauseItem = ({ cause }: { cause: SyncCause }) => (
  <li className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-md px-3 py-2" data-cause={cause.code}>
    <Text size="small" weight="plus">
      {cause.title}
    </Text>
    <Text size="small" className="text-ui-fg-subtle">
      {cause.detail}
    </Text>
    <Text size="small">
      <span className="font-medium">What to do:</span> {cause.action}
    </Text>
  </li>
)
