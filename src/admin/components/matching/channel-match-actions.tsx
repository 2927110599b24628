import { Button, toast } from "@medusajs/ui"
import { useAutoMatch, useImportCatalogue } from "../../hooks/use-matching"
import { errorMessage } from "../../lib/errors"
import { describeMatchSummary } from "../../lib/match-summary"

type Props = { channelId: string; channelName: string }

/** "Import catalogue" reads the channel's listings and matches them; "Auto-match" only matches. */
export const ChannelMatchActions = ({ channelId, channelName }: Props) => {
  const importer = useImportCatalogue(channelId)
  const matcher = useAutoMatch(channelId)
  const busy = importer.isPending || matcher.isPending

  return (
    <>
      <Button
        size="small"
        variant="secondary"
        data-action="import-catalogue"
        disabled={busy}
        isLoading={importer.isPending}
        onClick={() =>
          importer.mutate(undefined, {
            onSuccess: ({ summary }) => toast.success(`Catalogue of ${channelName} imported`, { description: describeMatchSummary(summary, true) }),
            onError: (error) => toast.error(errorMessage(error, "The catalogue could not be imported")),
          })
        }
      >
        Import catalogue
      </Button>
      <Button
        size="small"
        variant="secondary"
        data-action="auto-match"
        disabled={busy}
        isLoading={matcher.isPending}
        onClick={() =>
          matcher.mutate(undefined, {
            onSuccess: ({ summary }) => toast.success(`Auto-match of ${channelName} done`, { description: describeMatchSummary(summary, false) }),
            onError: (error) => toast.error(errorMessage(error, "Auto-match failed")),
          })
        }
      >
        Auto-match
      </Button>
    </>
  )
}
