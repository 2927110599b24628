import { Button, Skeleton, Text } from "@medusajs/ui"
import { errorMessage } from "../../lib/errors"

export const SectionLoading = ({ rows = 3 }: { rows?: number }) => (
  <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
    {Array.from({ length: rows }, (_, index) => (
      <Skeleton key={index} className="h-5 w-full" />
    ))}
  </div>
)

type ErrorProps = { error: unknown; onRetry?: () => void }

export const SectionError = ({ error, onRetry }: ErrorProps) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4" role="alert">
    <Text size="small" className="text-ui-fg-error">
      {errorMessage(error, "Could not load this section")}
    </Text>
    {onRetry ? (
      <Button size="small" variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    ) : null}
  </div>
)

export const SectionEmpty = ({ children }: { children: string }) => (
  <div className="px-6 py-4">
    <Text size="small" className="text-ui-fg-subtle">
      {children}
    </Text>
  </div>
)
