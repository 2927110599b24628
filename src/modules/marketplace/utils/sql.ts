/**
 * Turns `:name` placeholders into positional ones for MikroORM's `execute` (knex raw). Casts such
 * as `::jsonb` are left alone; a placeholder without a value is an error, not silently kept.
 */
export function bind(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = []
  const text = sql.replace(/(?<![:\w]):([a-z_]+)\b/g, (match, name: string) => {
    if (!(name in values)) {
      throw new Error(`SQL placeholder :${name} has no value`)
    }
    params.push(values[name])
    return "?"
  })
  return [text, params]
}

type Transactional<M> = { transaction<T>(task: (manager: M) => Promise<T>): Promise<T> }

/** PostgreSQL's codes for a transaction it aborted to break a deadlock or a serialization conflict. */
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"])
const MAX_TRANSACTION_TRIES = 5

/** Whether an error is PostgreSQL aborting the transaction for a deadlock or serialization failure. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code
  return typeof code === "string" && RETRYABLE_SQLSTATES.has(code)
}

/**
 * Runs `task` in a transaction and runs it again (from the start, in a new transaction) when
 * PostgreSQL aborted it for a deadlock or serialization failure, with a short random pause.
 * The task must be safe to repeat: ours are single statements over JSON inputs.
 */
export async function withRetriedTransaction<M, T>(repository: Transactional<M>, task: (manager: M) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await repository.transaction(task)
    } catch (error) {
      if (attempt >= MAX_TRANSACTION_TRIES || !isRetryableTransactionError(error)) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}
