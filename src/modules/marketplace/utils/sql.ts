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
