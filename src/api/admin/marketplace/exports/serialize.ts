import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type StoredExport = { id: string; status: string; created_by: string | null; file_key?: string | null } & Record<
  string,
  unknown
>

/**
 * Exports as the history shows them: who asked (the admin's email), and a download link that
 * goes through the admin API (the file itself is private), never the storage key.
 */
export async function serializeExports(scope: MedusaContainer, exports: StoredExport[]) {
  const userIds = [...new Set(exports.map((e) => e.created_by).filter((id): id is string => !!id))]
  const users = userIds.length
    ? await scope.resolve(Modules.USER).listUsers({ id: userIds }, { select: ["id", "email"] })
    : []
  const emailById = new Map(users.map((u) => [u.id, u.email]))
  return exports.map(({ file_key, ...rest }) => ({
    ...rest,
    created_by_email: rest.created_by ? emailById.get(rest.created_by) ?? null : null,
    download_url: rest.status === "success" && file_key ? `/admin/marketplace/exports/${rest.id}/download` : null,
  }))
}
