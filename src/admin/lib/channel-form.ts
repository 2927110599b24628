import type { CredentialField } from "./types"

/** Same rule as the API's validator, so the form can warn before a round trip. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/

export const CODE_HINT = "Lowercase letters, digits, - and _; starts with a letter or digit."

/** Used while the user has not typed a code of their own: "Sandbox EU" → "sandbox-eu". */
export function codeFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 64)
}

/** Providers that describe no credential form still take a single API key. */
export const FALLBACK_CREDENTIAL_FIELDS: CredentialField[] = [
  { name: "api_key", label: "API key", secret: true, required: false },
]

export function credentialFieldsOf(fields: CredentialField[] | null | undefined): CredentialField[] {
  return fields && fields.length ? fields : FALLBACK_CREDENTIAL_FIELDS
}

/**
 * Credentials are write-only: only what the user typed is sent. Returns undefined when nothing
 * was typed, so an update keeps the stored set.
 */
export function typedCredentials(values: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(values)
    .map(([key, value]) => [key, value.trim()] as const)
    .filter(([, value]) => value !== "")
  return entries.length ? Object.fromEntries(entries) : undefined
}
