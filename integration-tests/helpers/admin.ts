import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type Api = { post(url: string, body?: unknown): Promise<{ data: { token: string } }> }

/** Creates an admin user with an email/password identity and returns bearer headers for it. */
export async function adminHeaders(container: MedusaContainer, api: Api, email = "admin@marketplace.test") {
  const password = "test-password-123"
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } } as never)
  await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { user_id: user.id } })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}
