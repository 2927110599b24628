import { Button, Container, Table } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { useListings } from "../../hooks/use-listings"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ListingDrawer } from "../listing-drawer/listing-drawer"
import { CreateListingDrawer } from "./create-listing-drawer"
import { ListingFilters, type MatchedFilter, matchedQuery } from "./listing-filters"
import { ListingsTable } from "./listings-table"

const PAGE_SIZE = 20

export const ListingsSection = ({ channelId }: { channelId: string }) => {
  const [q, setQ] = useState("")
  const [matched, setMatched] = useState<MatchedFilter>("all")
  const [pageIndex, setPageIndex] = useState(0)
  const [opened, setOpened] = useState<string | null>(null)
  const search = useDebouncedValue(q.trim())

  const { data, isPending, isError, error, refetch } = useListings({
    channel_id: channelId,
    q: search || undefined,
    matched: matchedQuery(matched),
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })

  const pageCount = Math.max(1, Math.ceil((data?.count ?? 0) / PAGE_SIZE))
  const filtered = !!search || matched !== "all"

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Listings"
        description="What this channel sells, its matched variant and the quantity it would show now."
        actions={
          <>
            <Button size="small" variant="transparent" asChild>
              <Link to={`/marketplaces/matching?channel_id=${channelId}`}>Matching</Link>
            </Button>
            <CreateListingDrawer channelId={channelId} />
          </>
        }
      />
      <ListingFilters
        q={q}
        matched={matched}
        onQChange={(next) => {
          setQ(next)
          setPageIndex(0)
        }}
        onMatchedChange={(next) => {
          setMatched(next)
          setPageIndex(0)
        }}
      />
      {isPending ? (
        <SectionLoading />
      ) : isError ? (
        <SectionError error={error} onRetry={() => refetch()} />
      ) : !data.listings.length ? (
        <SectionEmpty>{filtered ? "No listings match the filters." : "No listings on this channel yet."}</SectionEmpty>
      ) : (
        <div>
          <ListingsTable listings={data.listings} onOpen={(listing) => setOpened(listing.id)} />
          <Table.Pagination
            count={data.count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
            nextPage={() => setPageIndex((index) => index + 1)}
          />
        </div>
      )}
      <ListingDrawer listingId={opened} onClose={() => setOpened(null)} />
    </Container>
  )
}
