import { Alert, Button, Drawer, Input, Text, toast } from "@medusajs/ui"
import { type ChangeEvent, useState } from "react"
import { useMatchFile } from "../../hooks/use-matching"
import { errorMessage } from "../../lib/errors"
import { readFileBase64 } from "../../lib/files"
import { plural } from "../../lib/format"
import type { MatchFileReport as Report } from "../../lib/types"
import { FormField } from "../common/form-field"
import { MatchFileReport } from "./match-file-report"

type Picked = { filename: string; content: string }

/**
 * Bulk match from a file: choosing it checks every row (nothing is applied), the report shows
 * good and bad rows, and Confirm applies the good ones in one go.
 */
const MatchFileForm = ({ channelId, onDone }: { channelId: string; onDone: () => void }) => {
  const check = useMatchFile()
  const apply = useMatchFile()
  const [picked, setPicked] = useState<Picked | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    setReport(null)
    setError(null)
    if (!file) {
      setPicked(null)
      return
    }
    try {
      const next = { filename: file.name, content: await readFileBase64(file) }
      setPicked(next)
      check.mutate(
        { channel_id: channelId, filename: next.filename, content_base64: next.content, confirm: false },
        { onSuccess: setReport, onError: (e) => setError(errorMessage(e, "The file could not be checked")) }
      )
    } catch (e) {
      setError(errorMessage(e, `Could not read ${file.name}`))
    }
  }

  const confirm = () =>
    picked &&
    apply.mutate(
      { channel_id: channelId, filename: picked.filename, content_base64: picked.content, confirm: true },
      {
        onSuccess: ({ summary }) => {
          toast.success(`${plural(summary.applied, "listing")} matched from ${picked.filename}`, {
            description: summary.bad ? `${plural(summary.bad, "row")} left out; download them from the report to fix.` : undefined,
          })
          onDone()
        },
        onError: (e) => setError(errorMessage(e, "The file could not be applied")),
      }
    )

  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <Text size="small" className="text-ui-fg-subtle">
          An .xlsx (first sheet) or .csv file whose header row names the columns channel_sku and variant_sku. Nothing
          changes until you confirm.
        </Text>
        <FormField id="match-file-input" label="File">
          <Input id="match-file-input" name="match_file" type="file" accept=".xlsx,.csv" onChange={onFile} />
        </FormField>
        {error ? <Alert variant="error">{error}</Alert> : null}
        {check.isPending ? <Text size="small">Checking {picked?.filename} …</Text> : null}
        {report && picked ? <MatchFileReport report={report} filename={picked.filename} /> : null}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button">
            Cancel
          </Button>
        </Drawer.Close>
        <Button
          size="small"
          type="button"
          data-action="confirm-match-file"
          disabled={!report?.summary.ok || check.isPending}
          isLoading={apply.isPending}
          onClick={confirm}
        >
          {report?.summary.ok ? `Confirm ${plural(report.summary.ok, "good row")}` : "Confirm"}
        </Button>
      </Drawer.Footer>
    </>
  )
}

export const MatchFileDrawer = ({ channelId }: { channelId: string }) => {
  const [open, setOpen] = useState(false)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-action="open-match-file">
          Import file
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>Match from a file</Drawer.Title>
        </Drawer.Header>
        {open ? <MatchFileForm channelId={channelId} onDone={() => setOpen(false)} /> : null}
      </Drawer.Content>
    </Drawer>
  )
}
